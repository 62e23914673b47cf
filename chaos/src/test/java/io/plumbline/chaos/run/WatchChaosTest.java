package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.chaos.workload.WatchWorkload;
import io.plumbline.checker.Validity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watchers on real etcd under a partition, a kill and a pause (seed 28) keep every guarantee:
 * before the raw-stream watcher, the paused member's watcher received old revisions again.
 */
class WatchChaosTest {

  @Test
  void watchersOnRealEtcdKeepEveryGuaranteeUnderFaults() {
    long seed = Long.getLong("chaos.seed", 28L);
    try (ProxiedCluster cluster = ProxiedCluster.start(3, LocalTarget.etcd("/usr/bin/etcd"), Duration.ofSeconds(60))) {
      RunResult r = ShortRuns.run(cluster, seed, List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE), 30,
          timeout -> new WatchWorkload("/chaos-watch/", timeout));
      assertThat(r.timeline()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(r.verdicts().get(0).checker()).isEqualTo("watch guarantees");
      assertThat(r.validity()).isEqualTo(Validity.TRUE);
    }
  }
}
