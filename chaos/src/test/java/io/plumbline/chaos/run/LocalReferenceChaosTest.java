package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.chaos.workload.RegisterWorkload;
import io.plumbline.checker.Validity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same short runs against 3 reference store members (one JVM each, per-link peer proxies,
 * client proxies): partitions, kills, pauses and client cuts; must be valid and recover.
 */
class LocalReferenceChaosTest {

  @ParameterizedTest
  @ValueSource(longs = {14L, 28L})
  void registerUnderPartitionsKillsPausesAndClientCutsIsLinearizableAndRecovers(long defaultSeed) {
    long seed = Long.getLong("chaos.seed", defaultSeed);
    try (ProxiedCluster cluster = ProxiedCluster.start(3, LocalTarget.reference(List.of()), Duration.ofSeconds(60))) {
      RunResult r = ShortRuns.run(cluster, seed,
          List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE, FaultKind.CLIENTS), 30,
          timeout -> new RegisterWorkload("/chaos-ref/", timeout));
      assertThat(r.timeline()).isNotEmpty();
      assertThat(r.validity()).isEqualTo(Validity.TRUE);
      assertThat(r.history().operations()).hasSizeGreaterThan(500);
    }
  }
}
