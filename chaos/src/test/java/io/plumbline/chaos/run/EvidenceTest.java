package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.checker.Validity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run without evidence (faults that did nothing, drifted, never ran; too little work) is unknown, never valid. */
class EvidenceTest {
  private static final long S = 1_000_000_000L;
  private static final FaultWindow KILL = new FaultWindow(FaultKind.KILL, 6_900, 4_000, "members", List.of(1), false, 1);

  private static TimelineEntry ran(long startS, long endS, String noEffect) {
    return new TimelineEntry(FaultKind.KILL, "kill [1]", startS * S / 10, endS * S / 10, 6_900_000_000L,
        10_900_000_000L, noEffect);
  }

  @Test
  void faultsAsPlannedWithEnoughWorkAreEvidence() {
    assertThat(Evidence.judge(List.of(KILL), List.of(ran(70, 110, null)), 500, 50).validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aFaultWithoutEffectIsUnknown() {
    var v = Evidence.judge(List.of(KILL), List.of(ran(69, 109, "the partition cut no link")), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.details()).contains("no effect (the partition cut no link)");
  }

  @Test
  void aKillPlannedAt6point9sThatRanAt15sIsUnknown() {
    var v = Evidence.judge(List.of(KILL), List.of(ran(150, 190, null)), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.details()).contains("drifted: planned 6.9-10.9 s, applied 15.0-19.0 s");
  }

  /** The nemesis applies one fault at a time: a restart that ran late holds the next fault, which keeps its length. */
  @Test
  void aFaultHeldByTheRestartBeforeItIsJudgedFromWhenItCouldStart() {
    TimelineEntry held = new TimelineEntry(FaultKind.KILL, "kill [1]", 150 * S / 10, 190 * S / 10, 6_900_000_000L,
        10_900_000_000L, null, 8_100_000_000L);
    var v = Evidence.judge(List.of(KILL), List.of(held), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.TRUE);
    assertThat(v.summary()).contains("longest hold for a previous heal 8100 ms");
  }

  @Test
  void aHeldFaultThatThenOverranIsStillUnknown() {
    TimelineEntry overran = new TimelineEntry(FaultKind.KILL, "kill [1]", 150 * S / 10, 250 * S / 10, 6_900_000_000L,
        10_900_000_000L, null, 8_100_000_000L);
    var v = Evidence.judge(List.of(KILL), List.of(overran), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.details()).contains("planned 6.9-10.9 s held 8.1 s by the previous heal, applied 15.0-25.0 s");
  }

  @Test
  void aPlannedFaultThatNeverRanIsUnknown() {
    assertThat(Evidence.judge(List.of(KILL), List.of(), 500, 50).details()).contains("1 of 1 planned fault(s) never ran");
  }

  @Test
  void tooLittleWorkIsUnknown() {
    assertThat(Evidence.judge(List.of(), List.of(), 49, 50).validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(Evidence.judge(List.of(), List.of(), 50, 50).validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void tooLittleWorkIsUnknownEvenWhenEveryFaultRanAsPlanned() {
    assertThat(Evidence.judge(List.of(KILL), List.of(ran(70, 110, null)), 49, 50).validity()).isEqualTo(Validity.UNKNOWN);
  }

  /** Applied on time but healed 14 s late: the run did not see the fault it planned (a heal that hung). */
  @Test
  void aFaultHealedLateIsUnknownThoughItStartedOnTime() {
    var v = Evidence.judge(List.of(KILL), List.of(ran(70, 250, null)), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.details()).contains("drifted: planned 6.9-10.9 s, applied 7.0-25.0 s");
  }

  @Test
  void aFaultNeverHealedIsUnknown() {
    TimelineEntry open = new TimelineEntry(FaultKind.KILL, "kill [1]", 7 * S, -1, 6_900_000_000L, 10_900_000_000L,
        null);
    var v = Evidence.judge(List.of(KILL), List.of(open), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.details()).contains("applied 7.0-? s");
  }

  @Test
  void oneFaultWithoutEffectAmongSeveralIsUnknown() {
    FaultWindow second = new FaultWindow(FaultKind.KILL, 12_000, 2_000, "members", List.of(2), false, 1);
    TimelineEntry cutNothing = new TimelineEntry(FaultKind.KILL, "kill [2]", 120 * S / 10, 140 * S / 10,
        12_000_000_000L, 14_000_000_000L, "the member was already down");
    var v = Evidence.judge(List.of(KILL, second), List.of(ran(70, 110, null), cutNothing), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.details()).contains("kill [2]: no effect");
  }

  /** The run stopped after the first of two planned faults (the second one's start never came): unknown, naming it. */
  @Test
  void oneOfTwoPlannedFaultsNeverRanIsUnknown() {
    FaultWindow second = new FaultWindow(FaultKind.KILL, 12_000, 2_000, "members", List.of(2), false, 1);
    var v = Evidence.judge(List.of(KILL, second), List.of(ran(70, 110, null)), 500, 50);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.details()).contains("1 of 2 planned fault(s) never ran, first " + second.describe());
  }
}
