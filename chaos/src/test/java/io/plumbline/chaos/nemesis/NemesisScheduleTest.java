package io.plumbline.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NemesisScheduleTest {
  private static final List<FaultKind> ALL = List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE);

  @Property
  void theSameSeedReplaysTheSameSchedule(@ForAll long seed) {
    assertThat(NemesisSchedule.generate(seed, ALL, 5, 60_000, NemesisSchedule.Timing.standard()))
        .isEqualTo(NemesisSchedule.generate(seed, ALL, 5, 60_000, NemesisSchedule.Timing.standard()));
  }

  @Property
  void windowsDoNotOverlapAndAllEndBeforeTheRunEnds(@ForAll long seed) {
    List<FaultWindow> w = NemesisSchedule.generate(seed, ALL, 3, 45_000, NemesisSchedule.Timing.standard()).windows();
    assertThat(w).isNotEmpty();
    for (int i = 0; i < w.size(); i++) {
      assertThat(w.get(i).endMs()).isLessThanOrEqualTo(45_000);
      if (i > 0) {
        assertThat(w.get(i).startMs()).isGreaterThan(w.get(i - 1).endMs());
      }
    }
  }

  @Property
  void killsAndPausesNeverTargetAMajority(@ForAll long seed) {
    for (FaultWindow w : NemesisSchedule.generate(seed, ALL, 5, 60_000, NemesisSchedule.Timing.standard()).windows()) {
      if (w.kind() != FaultKind.PARTITION) {
        assertThat(w.members().size()).isLessThanOrEqualTo(2);
        assertThat(w.leader() || !w.members().isEmpty()).isTrue();
      }
    }
  }

  @Test
  void onlyTheRequestedKindsAppear() {
    for (long seed = 0; seed < 50; seed++) {
      NemesisSchedule s = NemesisSchedule.generate(seed, List.of(FaultKind.PAUSE), 3, 30_000,
          NemesisSchedule.Timing.standard());
      assertThat(s.windows()).allMatch(w -> w.kind() == FaultKind.PAUSE);
    }
  }

  @Test
  void noKindsMeansNoFaults() {
    assertThat(NemesisSchedule.generate(1, List.of(), 3, 30_000, NemesisSchedule.Timing.standard()).windows()).isEmpty();
  }

  @Test
  void differentSeedsGiveDifferentSchedules() {
    assertThat(NemesisSchedule.generate(1, ALL, 3, 60_000, NemesisSchedule.Timing.standard()))
        .isNotEqualTo(NemesisSchedule.generate(2, ALL, 3, 60_000, NemesisSchedule.Timing.standard()));
  }
}
