package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.chaos.workload.LockWorkload;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.db.StatusProbe;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lock workload on real etcd under pauses (member SIGSTOPs and lock holders stalling past their
 * lease): unfenced loses updates, fenced does not.
 */
class LockChaosTest {
  private static ProxiedCluster cluster;

  @BeforeAll
  static void start() {
    cluster = ProxiedCluster.start(3, ProxiedCluster.etcdCommand("/usr/bin/etcd"),
        StatusProbe.grpc(Duration.ofSeconds(2)), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private RunResult run(boolean fenced, long seed) {
    RunOptions options = new RunOptions(seed, 5, 20, Duration.ofSeconds(20), Duration.ofSeconds(5),
        Duration.ofSeconds(30));
    NemesisSchedule schedule = NemesisSchedule.generate(seed, List.of(FaultKind.PAUSE), 3,
        options.duration().toMillis(), NemesisSchedule.Timing.standard());
    Workload w = new LockWorkload(fenced, "/lock-test-" + fenced + "/", options.opTimeout(), 10);
    RunResult r = new ChaosRunner(cluster, w, schedule, options, () -> EtcdClients.leader(cluster.clientUrls()),
        System.out::println).run();
    r.verdicts().forEach(v -> System.out.println(v.checker() + ": " + v.summary() + "\n" + v.details()));
    return r;
  }

  @Test
  void unfencedLockLosesUpdatesWhenHoldersStallPastTheirLease() {
    RunResult r = run(false, 11);
    assertThat(r.verdicts().get(0).validity()).isEqualTo(Validity.FALSE);
    assertThat(r.verdicts().get(0).details()).contains("two holders wrote");
  }

  @Test
  void fencedLockStaysSafeUnderTheSameFaults() {
    RunResult r = run(true, 11);
    assertThat(r.validity()).isEqualTo(Validity.TRUE);
  }
}
