package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The reference store in containers (the base image's JRE running this build's classes). Fails, never
 * skips, when Docker is absent.
 */
class ContainerReferenceChaosTest {

  @Test
  void registerUnderPartitionKillAndPauseIsLinearizableAndRecovers() {
    assertThat(Docker.available()).as("a Docker daemon must answer 'docker info' (start one: scripts/lib/docker.sh)")
        .isTrue();
    ContainerTarget target = ContainerTargets.resolve("reference", java.util.List.of(), () -> BaseImage.ensure(System.out::println));
    try (ContainerCluster cluster = ContainerCluster.start(3, target, Duration.ofSeconds(90), System.out::println)) {
      ContainerChaosRuns.assertValidUnderFaults(cluster, 100L);
    }
  }

  @AfterAll
  static void everyContainerAndNetworkOfTheRunIsGone() {
    assertThat(ContainerChaosRuns.leftovers()).isBlank();
  }
}
