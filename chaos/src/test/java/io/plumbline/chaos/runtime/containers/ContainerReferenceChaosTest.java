package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.runtime.local.ClockJumpCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference store in containers (the base image's JRE running this build's classes), under
 * partition, kill, pause and clock jumps (the base image's libfaketime). Fails, never skips, when
 * Docker is absent. Both tests use one cluster (starting three containers costs half a minute):
 * each leaves it healed, every member running and every clock reset.
 */
class ContainerReferenceChaosTest {
  private static ContainerCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = start();
  }

  @Test
  void registerUnderPartitionKillPauseAndClockJumpsIsLinearizableAndRecovers() {
    assertThat(cluster.supportsClockFaults()).isTrue();
    ContainerChaosRuns.assertValidUnderFaults(cluster, ContainerChaosRuns.basicAnd(FaultKind.CLOCK), 100L);
  }

  /** As {@code FakeClockTest} on the local runtime: the clock really moves inside the container ({@link ClockJumpCheck}). */
  @Test
  void aLeaderTenHoursAheadExpiresA60SecondLeaseAtOnceAndStampsItsLogAhead(@TempDir Path logs) throws Exception {
    ClockJumpCheck.aLeaderTenHoursAheadExpiresA60SecondLeaseAndStampsItsLogAhead(cluster, logs);
  }

  private static ContainerCluster start() {
    assertThat(Docker.available()).as("a Docker daemon must answer 'docker info' (start one: scripts/lib/docker.sh)")
        .isTrue();
    ContainerTarget target = ContainerTargets.resolve("reference", List.of(), () -> BaseImage.ensure(System.out::println));
    return ContainerCluster.start(3, target, Duration.ofSeconds(90), System.out::println);
  }

  @AfterAll
  static void everyContainerAndNetworkOfTheRunIsGone() {
    if (cluster != null) {
      cluster.close();
    }
    assertThat(ContainerChaosRuns.leftovers()).isBlank();
  }
}
