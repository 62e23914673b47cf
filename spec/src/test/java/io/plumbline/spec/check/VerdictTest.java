package io.plumbline.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.tlc.TlcProgress;
import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  private static TlcRunResult result(Outcome outcome, String violated) {
    return new TlcRunResult(outcome, violated, "", TlcProgress.NONE, List.of());
  }

  private static final Expectation PASS = Expectation.pass();
  private static final Expectation INV = Expectation.violationOf("Inv");
  private static final Expectation DEADLOCK = Expectation.violationOf(Expectation.DEADLOCK);

  @Test
  void everyOutcomeAgainstEveryExpectation() {
    assertThat(Verdict.judge(PASS, result(Outcome.NO_ERROR, ""))).isEqualTo(Verdict.PASS);
    assertThat(Verdict.judge(INV, result(Outcome.NO_ERROR, ""))).isEqualTo(Verdict.EXPECTED_VIOLATION_MISSING);
    assertThat(Verdict.judge(INV, result(Outcome.INVARIANT_VIOLATED, "Inv")))
        .isEqualTo(Verdict.EXPECTED_VIOLATION_FOUND);
    assertThat(Verdict.judge(INV, result(Outcome.INVARIANT_VIOLATED, "Other")))
        .isEqualTo(Verdict.UNEXPECTED_VIOLATION);
    assertThat(Verdict.judge(PASS, result(Outcome.INVARIANT_VIOLATED, "Inv")))
        .isEqualTo(Verdict.UNEXPECTED_VIOLATION);
    assertThat(Verdict.judge(DEADLOCK, result(Outcome.DEADLOCK, "deadlock")))
        .isEqualTo(Verdict.EXPECTED_VIOLATION_FOUND);
    assertThat(Verdict.judge(PASS, result(Outcome.DEADLOCK, "deadlock"))).isEqualTo(Verdict.UNEXPECTED_VIOLATION);
    assertThat(Verdict.judge(INV, result(Outcome.ERROR, ""))).isEqualTo(Verdict.ERROR);
    assertThat(Verdict.judge(PASS, result(Outcome.ERROR, ""))).isEqualTo(Verdict.ERROR);
    assertThat(Verdict.judge(PASS, result(Outcome.TIME_LIMIT, "")))
        .isEqualTo(Verdict.TIME_LIMIT_NO_ERROR);
    assertThat(Verdict.judge(INV, result(Outcome.TIME_LIMIT, "")))
        .isEqualTo(Verdict.EXPECTED_VIOLATION_MISSING);
  }

  @Test
  void onlyPassFoundAndUnfinishedPassAreAsExpected() {
    assertThat(List.of(Verdict.values())).filteredOn(Verdict::asExpected)
        .containsExactly(Verdict.PASS, Verdict.EXPECTED_VIOLATION_FOUND, Verdict.TIME_LIMIT_NO_ERROR);
  }
}
