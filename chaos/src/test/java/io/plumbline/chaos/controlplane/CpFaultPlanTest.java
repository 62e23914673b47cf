package io.plumbline.chaos.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpFaultPlanTest {
  @Test
  void theSameSeedGivesTheSamePlan() {
    assertThat(CpFault.plan(7, 60_000, 4_000, 3, 2))
        .isEqualTo(CpFault.plan(7, 60_000, 4_000, 3, 2));
  }

  @Test
  void aMinuteHasEveryKindNoOverlapAndEverythingHealedBeforeTheEnd() {
    List<CpFault> plan = CpFault.plan(11, 60_000, 4_000, 3, 2);
    assertThat(plan).extracting(CpFault::kind).contains(CpFault.Kind.values());
    for (int i = 0; i < plan.size(); i++) {
      CpFault f = plan.get(i);
      assertThat(f.startMs() + f.lengthMs()).isLessThanOrEqualTo(60_000);
      assertThat(f.storeMember()).isBetween(0, 2);
      assertThat(f.apiServer()).isBetween(0, 1);
      if (i > 0) {
        CpFault before = plan.get(i - 1);
        assertThat(f.startMs()).isGreaterThan(before.startMs() + before.lengthMs());
      }
    }
  }

  @Test
  void aPauseOutlastsTheLeaseSoTheFrozenLeaderIsDeposed() {
    CpFault.plan(3, 120_000, 4_000, 3, 2).stream()
        .filter(f -> f.kind() == CpFault.Kind.PAUSE_CONTROLLER)
        .forEach(f -> assertThat(f.lengthMs()).isGreaterThan(4_000 + 2_000 - 1));
  }
}
