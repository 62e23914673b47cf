package io.plumbline.conformance;

/** The result of one conformance check. */
public enum Status {
  /** The guarantee held on everything observed. */
  PASS,
  /** The guarantee was broken; the evidence shows the operations that broke it. */
  FAIL,
  /**
   * The guarantee was broken in a way the target's own maintainers document as a known deviation
   * (the verdict names the reference). Printed loudly, counted apart, and does not fail the run.
   */
  KNOWN_DEVIATION,
  /** The check could not decide (indeterminate errors, timeouts, checker budget). Fails the run. */
  UNKNOWN;

  /** The word shown in tables. */
  public String word() {
    return switch (this) {
      case PASS -> "pass";
      case FAIL -> "FAIL";
      case KNOWN_DEVIATION -> "deviation";
      case UNKNOWN -> "UNKNOWN";
    };
  }

  /** Whether the run may still exit 0 with this status. */
  public boolean acceptable() {
    return this == PASS || this == KNOWN_DEVIATION;
  }
}
