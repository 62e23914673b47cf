package io.plumbline.spec.check;

import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.tlc.TlcRunResult;
import java.util.List;

/** How a model's TLC result compares with what the manifest expects. */
public enum Verdict {
  /** Expected to pass, and TLC found no error. */
  PASS("pass", true),
  /** Expected to violate an invariant (or deadlock), and TLC found exactly that. */
  EXPECTED_VIOLATION_FOUND("expected-violation-found", true),
  /** TLC found a violation the manifest does not expect: a spec regression or a real bug. */
  UNEXPECTED_VIOLATION("UNEXPECTED-VIOLATION", false),
  /** The manifest expects a violation TLC did not find: the check no longer bites. */
  EXPECTED_VIOLATION_MISSING("EXPECTED-VIOLATION-MISSING", false),
  /** TLC could not check the model (parse error, bad configuration, crash). */
  ERROR("error", false),
  /**
   * A model expected to pass was stopped at its time limit with no error found so far (deep
   * models): as expected, but not a proof over the whole bounded state space.
   */
  TIME_LIMIT_NO_ERROR("time-limit-no-error", true),
  /**
   * TLC found no error, but the model proved (almost) nothing: no state beyond the initial ones,
   * or an action that never fired and is not allowed to be dead ({@link Vacuity}).
   */
  VACUOUS("VACUOUS", false);

  private final String label;
  private final boolean asExpected;

  Verdict(String label, boolean asExpected) {
    this.label = label;
    this.asExpected = asExpected;
  }

  /** The spelling shown in tables and JSON. */
  public String label() {
    return label;
  }

  /** True when the model gave its expected result. */
  public boolean asExpected() {
    return asExpected;
  }

  /**
   * Judges one TLC result against the manifest's expectation, then demotes a pass to VACUOUS when
   * {@code vacuity} ({@link Vacuity#reasons}) holds reasons.
   */
  public static Verdict judge(Expectation expected, TlcRunResult result, List<String> vacuity) {
    Verdict v = judge(expected, result);
    return v == PASS && !vacuity.isEmpty() ? VACUOUS : v;
  }

  /** Judges one TLC result against the manifest's expectation (coverage not considered). */
  public static Verdict judge(Expectation expected, TlcRunResult result) {
    return switch (result.outcome()) {
      case ERROR -> ERROR;
      case TIME_LIMIT -> expected.expectsPass() ? TIME_LIMIT_NO_ERROR : EXPECTED_VIOLATION_MISSING;
      case NO_ERROR -> expected.expectsPass() ? PASS : EXPECTED_VIOLATION_MISSING;
      case INVARIANT_VIOLATED, DEADLOCK -> expected.violation().filter(result.violated()::equals)
          .isPresent() ? EXPECTED_VIOLATION_FOUND : UNEXPECTED_VIOLATION;
    };
  }
}
