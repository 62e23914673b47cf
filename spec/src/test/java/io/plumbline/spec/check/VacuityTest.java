package io.plumbline.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.tlc.TlcProgress;
import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The vacuity rules on hand-made TLC results (VacuityBitesTest runs TLC on real fixtures). */
class VacuityTest {
  private static final Map<String, Long> ALL_FIRED = Map.of("Inc", 4L, "Reset", 2L);

  private static TlcRunResult result(Outcome outcome, long distinct, long depth, long initial,
      Map<String, Long> coverage) {
    return new TlcRunResult(outcome, "", "", new TlcProgress(depth, distinct * 3, distinct, 0, -1),
        List.of(), initial, coverage);
  }

  @Test
  void aRunThatFoundStatesWithEveryActionFiringIsNotVacuous() {
    assertThat(Vacuity.reasons(result(Outcome.NO_ERROR, 5, 5, 1, ALL_FIRED), Set.of())).isEmpty();
  }

  @Test
  void noStateBeyondTheInitialOnesIsVacuous() {
    TlcRunResult onlyInit = result(Outcome.NO_ERROR, 3, 1, 3, Map.of());
    List<String> reasons = Vacuity.reasons(onlyInit, Set.of());
    assertThat(reasons).containsExactly("no state beyond the initial one(s): 3 distinct, 3 initial");
    assertThat(Verdict.judge(Expectation.pass(), onlyInit, reasons)).isEqualTo(Verdict.VACUOUS);
  }

  @Test
  void depthOneIsVacuousEvenWhenTheInitialCountIsUnknown() {
    assertThat(Vacuity.reasons(result(Outcome.NO_ERROR, 3, 1, -1, Map.of()), Set.of()))
        .containsExactly("search depth 1: no step was ever taken");
  }

  @Test
  void aSecondRunsCoverageRevivesOnlyWhatItSawFire() {
    Map<String, Long> first = new LinkedHashMap<>(ALL_FIRED);
    first.put("Drop", 0L);
    first.put("Restart", 0L);
    Map<String, Long> second = new LinkedHashMap<>(ALL_FIRED);
    second.put("Drop", 36L);
    second.put("Restart", 0L);
    TlcRunResult merged = result(Outcome.NO_ERROR, 5, 5, 1, first)
        .withCoverageOf(result(Outcome.NO_ERROR, 5, 5, 1, second));
    assertThat(merged.coverage()).containsEntry("Drop", 36L).containsEntry("Restart", 0L);
    assertThat(Vacuity.reasons(merged, Set.of()))
        .containsExactly("never fired (0 distinct states): Restart");
  }

  @Test
  void anActionThatNeverFiredIsNamedUnlessAllowedToBeDead() {
    Map<String, Long> coverage = new LinkedHashMap<>(ALL_FIRED);
    coverage.put("Restart", 0L);
    coverage.put("Drop", 0L);
    TlcRunResult r = result(Outcome.NO_ERROR, 5, 5, 1, coverage);
    assertThat(Vacuity.reasons(r, Set.of()))
        .containsExactly("never fired (0 distinct states): Drop, Restart");
    assertThat(Vacuity.reasons(r, Set.of("Restart")))
        .containsExactly("never fired (0 distinct states): Drop");
    assertThat(Vacuity.reasons(r, Set.of("Restart", "Drop"))).isEmpty();
  }

  @Test
  void aTimeLimitedRunOnlyNotesActionsNotFiredYet() {
    TlcRunResult r = result(Outcome.TIME_LIMIT, 500, 9, 1, Map.of("Inc", 9L, "Reset", 0L));
    assertThat(Vacuity.reasons(r, Set.of())).isEmpty();
    assertThat(Vacuity.deadActions(r, Set.of())).containsExactly("Reset");
    assertThat(Verdict.judge(Expectation.pass(), r, List.of())).isEqualTo(Verdict.TIME_LIMIT_NO_ERROR);
  }

  @Test
  void aTimeLimitedRunWhoseCountsAreUnknownIsNotJudged() {
    // Stopped before TLC's first report and without live counts: 0 distinct means "unknown".
    TlcRunResult r = result(Outcome.TIME_LIMIT, 0, -1, 1, Map.of());
    assertThat(Vacuity.reasons(r, Set.of())).isEmpty();
  }

  @Test
  void violationsAndErrorsAreNeverJudgedVacuous() {
    Map<String, Long> partial = Map.of("Inc", 1L, "Reset", 0L);
    assertThat(Vacuity.reasons(result(Outcome.INVARIANT_VIOLATED, 1, 1, 1, partial), Set.of())).isEmpty();
    assertThat(Vacuity.reasons(result(Outcome.DEADLOCK, 1, 1, 1, partial), Set.of())).isEmpty();
    assertThat(Vacuity.reasons(result(Outcome.ERROR, 0, -1, -1, Map.of()), Set.of())).isEmpty();
  }

  @Test
  void onlyPassingVerdictsBecomeVacuous() {
    TlcRunResult missing = result(Outcome.NO_ERROR, 1, 1, 1, Map.of());
    assertThat(Verdict.judge(Expectation.violationOf("Inv"), missing, List.of("no state")))
        .isEqualTo(Verdict.EXPECTED_VIOLATION_MISSING);
    assertThat(Verdict.VACUOUS.asExpected()).isFalse();
  }
}
