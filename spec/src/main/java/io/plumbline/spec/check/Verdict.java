package io.plumbline.spec.check;

import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.tlc.TlcRunResult;

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
  TIME_LIMIT_NO_ERROR("time-limit-no-error", true);

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

  /** Judges one TLC result against the manifest's expectation. */
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
