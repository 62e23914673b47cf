package io.plumbline.chaos.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.plan.PartitionPlans;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.history.OpType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A hand-written chaos test, as a user would write one with the extension. */
@ChaosTarget(target = "etcd", nodes = 3)
class ChaosExtensionTest {

  @Test
  void isolatedLeaderIsReplacedAndTheClusterServesWritesAgainAfterTheHeal(ChaosCluster cluster,
      NemesisController nemesis, HistoryRecorder history) {
    await().atMost(Duration.ofSeconds(20)).until(() -> nemesis.leader() >= 0);
    int old = nemesis.leader();
    nemesis.partition(PartitionPlans.isolate(cluster.size(), old));
    int survivor = (old + 1) % cluster.size();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      int l = EtcdClients.leader(java.util.List.of(cluster.clientUrls().get(survivor),
          cluster.clientUrls().get((old + 2) % cluster.size())));
      return l >= 0;
    });
    nemesis.healNetwork();
    try (Client c = EtcdClients.forMember(cluster.clientUrls().get(old))) {
      ByteSequence k = ByteSequence.from("after-heal", StandardCharsets.UTF_8);
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
        c.getKVClient().put(k, k).get(2, TimeUnit.SECONDS);
        return true;
      });
    }
    assertThat(history.history("test").events()).filteredOn(e -> e.type() == OpType.INFO)
        .extracting(e -> e.f()).containsExactly("start-partition", "stop-partition");
  }
}
