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

  /**
   * The schedule is the run's whole fault repertoire: over 100 seeds of 60 s on 3 members, each
   * targeted kind hits the leader in some windows and a chosen member in others, and every partition
   * shape appears (isolating the leader among them). A schedule that never deposes a leader, or never
   * builds a bridge or a ring, leaves those faults untested in every run while the evidence verdict,
   * which checks only that the planned faults ran, says valid.
   */
  @Test
  void overManySeedsEveryKindHitsTheLeaderAndEveryShapeAppears() {
    List<FaultKind> kinds = List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE, FaultKind.CLOCK,
        FaultKind.CLIENTS);
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (long seed = 0; seed < 100; seed++) {
      for (FaultWindow w : NemesisSchedule.generate(seed, kinds, 3, 60_000, NemesisSchedule.Timing.standard())
          .windows()) {
        seen.add(w.kind() + (w.kind() == FaultKind.PARTITION ? " " + w.shape() : "") + (w.leader() ? " leader" : ""));
      }
    }
    assertThat(seen).contains("KILL", "KILL leader", "PAUSE", "PAUSE leader", "CLOCK", "CLOCK leader", "CLIENTS",
        "CLIENTS leader", "PARTITION halves", "PARTITION minority", "PARTITION isolate", "PARTITION isolate leader",
        "PARTITION bridge", "PARTITION ring");
  }

  /**
   * A fault shorter than an election cannot depose a leader (etcd's election timeout is 1 s, the
   * reference store's about as long): every standard fault lasts at least 3 s, so a leader cut off,
   * killed or paused is replaced while the fault is still on.
   */
  @Test
  void standardFaultsOutlastAnElection() {
    for (long seed = 0; seed < 100; seed++) {
      for (FaultWindow w : NemesisSchedule.generate(seed, ALL, 3, 60_000, NemesisSchedule.Timing.standard())
          .windows()) {
        assertThat(w.endMs() - w.startMs()).as("seed %d: %s", seed, w).isGreaterThanOrEqualTo(3_000);
      }
    }
  }
}
