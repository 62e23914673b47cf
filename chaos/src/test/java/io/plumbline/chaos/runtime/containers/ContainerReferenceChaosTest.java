package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.LeaseOption;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.runtime.local.LogStamps;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference store in containers (the base image's JRE running this build's classes), under
 * partition, kill, pause and clock jumps (the base image's libfaketime). Fails, never skips, when
 * Docker is absent.
 */
class ContainerReferenceChaosTest {
  private static final long TEN_HOURS_S = 36_000;

  @Test
  void registerUnderPartitionKillPauseAndClockJumpsIsLinearizableAndRecovers() {
    try (ContainerCluster cluster = start()) {
      assertThat(cluster.supportsClockFaults()).isTrue();
      ContainerChaosRuns.assertValidUnderFaults(cluster, ContainerChaosRuns.basicAnd(FaultKind.CLOCK), 100L);
    }
  }

  /**
   * As {@code FakeClockTest} on the local runtime: the clock really moves inside the container. With
   * the leader 10 hours ahead, a 60 s lease expires within seconds (its deadline is on the monotonic
   * clock), and the leader stamps its "lease expired" log line 10 hours ahead (the wall clock).
   */
  @Test
  void aLeaderTenHoursAheadExpiresA60SecondLeaseAtOnceAndStampsItsLogAhead(@TempDir Path logs) throws Exception {
    try (ContainerCluster cluster = start(); Client client = EtcdClients.forMember(cluster.clientUrls().get(0))) {
      assertThat(cluster.supportsClockFaults()).isTrue();
      int leader = EtcdClients.leader(cluster.clientUrls());
      assertThat(leader).isNotNegative();
      long lease = client.getLeaseClient().grant(60).get(10, TimeUnit.SECONDS).getID();
      cluster.setClockOffset(leader, TEN_HOURS_S);
      LocalTime ahead = LocalTime.now().plusSeconds(TEN_HOURS_S);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
          client.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(5, TimeUnit.SECONDS).getTTL() == -1);
      cluster.saveLogs(logs);
      assertThat(LogStamps.linesStampedNear(logs.resolve("m" + leader + ".log"), ahead)).anyMatch(l -> l.contains("expired"));
      cluster.setClockOffset(leader, 0);
    }
  }

  private static ContainerCluster start() {
    assertThat(Docker.available()).as("a Docker daemon must answer 'docker info' (start one: scripts/lib/docker.sh)")
        .isTrue();
    ContainerTarget target = ContainerTargets.resolve("reference", List.of(), () -> BaseImage.ensure(System.out::println));
    return ContainerCluster.start(3, target, Duration.ofSeconds(90), System.out::println);
  }

  @AfterAll
  static void everyContainerAndNetworkOfTheRunIsGone() {
    assertThat(ContainerChaosRuns.leftovers()).isBlank();
  }
}
