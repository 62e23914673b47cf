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

/** A short chaos run against 3 real etcd members on local processes behind proxies: must be valid. */
class LocalEtcdChaosTest {

  /**
   * Two seeds whose 30 s schedules hold all three faults: 14 pauses the leader, kills a member, then
   * bridges; 28 cuts a minority, kills a member, then pauses one.
   */
  @ParameterizedTest
  @ValueSource(longs = {14L, 28L})
  void registerUnderPartitionsKillsAndPausesIsLinearizableAndRecovers(long defaultSeed) {
    long seed = Long.getLong("chaos.seed", defaultSeed);
    try (ProxiedCluster cluster = ProxiedCluster.start(3, LocalTarget.etcd("/usr/bin/etcd"), Duration.ofSeconds(60))) {
      RunResult r = ShortRuns.run(cluster, seed, List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE), 30,
          timeout -> new RegisterWorkload("/chaos-test/", timeout));
      assertThat(r.timeline()).isNotEmpty();
      assertThat(r.validity()).isEqualTo(Validity.TRUE);
      assertThat(r.history().operations()).hasSizeGreaterThan(500);
    }
  }
}
