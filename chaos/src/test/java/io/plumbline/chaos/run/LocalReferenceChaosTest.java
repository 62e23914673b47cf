package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.chaos.workload.RegisterWorkload;
import io.plumbline.checker.Validity;
import io.plumbline.checker.model.RegisterModel;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same short runs against 3 reference store members (one JVM each, per-link peer proxies,
 * client proxies): seed 2461 first cuts member 1 off from its clients (or jumps its clock), then
 * bridges, pauses member 2 and kills member 0; must be valid and recover. The fourth fault comes
 * first because on a loaded machine a slow restart can push later windows past the run's end.
 */
class LocalReferenceChaosTest {

  @ParameterizedTest
  @CsvSource({"2461, CLIENTS", "2461, CLOCK"})
  void registerUnderPartitionsKillsPausesAndAFourthFaultIsLinearizableAndRecovers(long defaultSeed, FaultKind fourth) {
    long seed = Long.getLong("chaos.seed", defaultSeed);
    try (ProxiedCluster cluster = ProxiedCluster.start(3, LocalTarget.reference(List.of()), Duration.ofSeconds(60))) {
      RunResult r = ShortRuns.run(cluster, seed,
          List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE, fourth), 30,
          timeout -> new RegisterWorkload("/chaos-ref/", timeout));
      assertThat(r.timeline()).anyMatch(t -> t.kind() == fourth);
      assertThat(r.timeline()).isNotEmpty();
      assertThat(r.validity()).isEqualTo(Validity.TRUE);
      assertThat(r.history().operations()).hasSizeGreaterThan(500);
      assertThat(r.history().events()).as("gets of absent keys, recorded as such")
          .anyMatch(e -> e.type() == OpType.OK && e.f().equals("read") && Boolean.TRUE.equals(e.extra().get(RegisterModel.ABSENT)));
      for (HistoryFormat format : List.of(HistoryFormat.JSONL, HistoryFormat.EDN)) {
        assertThat(ShortRuns.recheck(r, format)).as("check-history on the saved " + format).isEqualTo(Validity.TRUE);
      }
    }
  }
}
