package io.plumbline.chaos.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpScheduleTest {
  @Test
  void theSameSeedGivesTheSameSchedule() {
    assertThat(CpSchedule.plan(7, 60_000, 4_000, 3, 2)).isEqualTo(CpSchedule.plan(7, 60_000, 4_000, 3, 2));
  }

  @Test
  void aMinuteHasEveryFaultNoOverlapAndEverythingHealedBeforeTheEnd() {
    List<FaultWindow> plan = CpSchedule.plan(11, 60_000, 4_000, 3, 2).windows();
    assertThat(plan).extracting(w -> w.kind().cliName() + " " + w.shape()).contains("kill controller",
        "pause controller", "kill store", "partition apiserver");
    for (int i = 0; i < plan.size(); i++) {
      FaultWindow f = plan.get(i);
      assertThat(f.endMs()).isLessThanOrEqualTo(60_000);
      if (f.shape().equals(CpSchedule.STORE)) {
        assertThat(f.members()).singleElement().satisfies(m -> assertThat(m).isBetween(0, 2));
      }
      if (f.shape().equals(CpSchedule.APISERVER)) {
        assertThat(f.members()).singleElement().satisfies(m -> assertThat(m).isBetween(0, 1));
      }
      if (i > 0) {
        assertThat(f.startMs()).isGreaterThan(plan.get(i - 1).endMs());
      }
    }
  }

  @Test
  void aPauseOutlastsTheLeaseSoTheFrozenLeaderIsDeposed() {
    CpSchedule.plan(3, 120_000, 4_000, 3, 2).windows().stream().filter(f -> f.kind() == FaultKind.PAUSE)
        .forEach(f -> assertThat(f.durationMs()).isGreaterThan(4_000 + 2_000 - 1));
  }

  @Test
  void theInProcessScheduleFreezesTheLeaderFirstForLongerThanTheLeaseThenPartitionsTheStore() {
    for (long seed = 1; seed <= 50; seed++) {
      List<FaultWindow> plan = CpSchedule.inProcess(seed, 20_000, 3_000).windows();
      assertThat(plan).as("seed " + seed).hasSizeGreaterThanOrEqualTo(2);
      assertThat(plan.get(0).kind()).isEqualTo(FaultKind.PAUSE);
      assertThat(plan.get(0).shape()).isEqualTo(CpSchedule.CONTROLLER);
      assertThat(plan.get(1).kind()).isEqualTo(FaultKind.PARTITION);
      for (int i = 0; i < plan.size(); i++) {
        FaultWindow f = plan.get(i);
        assertThat(f.endMs()).isLessThanOrEqualTo(20_000);
        if (f.kind() == FaultKind.PAUSE) {
          assertThat(f.durationMs()).as("deposed while frozen, standby in before the held writes land")
              .isGreaterThanOrEqualTo(3_000 + InProcessControlPlane.CREATION_WAIT_MS + 3_000);
        }
        if (i > 0) {
          assertThat(f.startMs()).isGreaterThan(plan.get(i - 1).endMs());
        }
      }
    }
    assertThat(CpSchedule.inProcess(9, 20_000, 3_000)).isEqualTo(CpSchedule.inProcess(9, 20_000, 3_000));
  }
}
