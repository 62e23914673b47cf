package io.plumbline.spec.manifest;

import java.util.Optional;

/**
 * What a model is expected to give: TLC finds no error ({@code pass}), or it finds exactly one named
 * violation ({@code violation:<InvariantName>}, or {@code violation:deadlock}).
 *
 * @param violation the invariant expected to be violated ("deadlock" for a deadlock), empty for pass
 */
public record Expectation(Optional<String> violation) {

  /** The name {@code violation:deadlock} uses; TLC reports a deadlock rather than an invariant. */
  public static final String DEADLOCK = "deadlock";

  private static final String VIOLATION_PREFIX = "violation:";

  public static Expectation pass() {
    return new Expectation(Optional.empty());
  }

  public static Expectation violationOf(String name) {
    return new Expectation(Optional.of(name));
  }

  /**
   * Parses the manifest's {@code expected} column.
   *
   * @throws IllegalArgumentException naming what is wrong (the manifest adds file:line)
   */
  public static Expectation parse(String text) {
    if (text.equals("pass")) {
      return pass();
    }
    if (text.startsWith(VIOLATION_PREFIX)) {
      String name = text.substring(VIOLATION_PREFIX.length());
      if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        return violationOf(name);
      }
    }
    throw new IllegalArgumentException("expected must be 'pass', 'violation:<InvariantName>' or "
        + "'violation:deadlock', found '" + text + "'");
  }

  public boolean expectsPass() {
    return violation.isEmpty();
  }

  @Override
  public String toString() {
    return violation.map(v -> VIOLATION_PREFIX + v).orElse("pass");
  }
}
