package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.chaos.workload.RegisterWorkload;
import io.plumbline.checker.Validity;
import io.plumbline.db.HealthProbe;
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
    System.out.println("chaos seed " + seed);
    try (ProxiedCluster cluster = ProxiedCluster.start(3, ProxiedCluster.etcdCommand("/usr/bin/etcd"),
        HealthProbe.http(Duration.ofSeconds(2)), Duration.ofSeconds(60))) {
      RunOptions options = RunOptions.of(seed, Duration.ofSeconds(30), 100);
      NemesisSchedule schedule = NemesisSchedule.generate(seed,
          List.of(FaultKind.PARTITION, FaultKind.KILL, FaultKind.PAUSE), 3, options.duration().toMillis(),
          NemesisSchedule.Timing.standard());
      RunResult r = new ChaosRunner(cluster, new RegisterWorkload("/chaos-test/", options.opTimeout()), schedule,
          options, () -> EtcdClients.leader(cluster.clientUrls()), System.out::println).run();
      r.verdicts().forEach(v -> System.out.println(v.checker() + ": " + v.summary() + "\n" + v.details()));
      r.timeline().forEach(t -> System.out.println("fault: " + t.description()));
      assertThat(r.timeline()).isNotEmpty();
      assertThat(r.validity()).isEqualTo(Validity.TRUE);
      assertThat(r.history().operations()).hasSizeGreaterThan(500);
    }
  }
}
