package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.junit.ChaosTarget;
import io.plumbline.chaos.runtime.ChaosCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Real etcd 3.4, one container per member, through the JUnit extension (so this also shows {@code
 * @ChaosTarget(runtime = "containers")} works). Fails, never skips, when Docker is absent.
 */
class ContainerEtcdChaosTest {

  @Test
  @ChaosTarget(target = "etcd", nodes = 3, runtime = "containers")
  void registerUnderPartitionKillAndPauseIsLinearizableAndRecovers(ChaosCluster cluster) {
    assertThat(cluster).isInstanceOf(ContainerCluster.class);
    ContainerChaosRuns.assertValidUnderFaults(cluster, 1L);
  }

  @AfterAll
  static void everyContainerAndNetworkOfTheRunIsGone() {
    assertThat(ContainerChaosRuns.leftovers()).isBlank();
  }
}
