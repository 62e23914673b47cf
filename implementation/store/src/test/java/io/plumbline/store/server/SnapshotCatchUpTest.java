package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member that was down while the others snapshotted and compacted their logs past its position
 * catches up by an installed snapshot, and a restarted member recovers from its own snapshot + WAL.
 */
class SnapshotCatchUpTest {
  @TempDir Path dir;

  static ByteSequence b(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  @Test
  void laggingMemberCatchesUpBySnapshotAndRestartRecoversFromOne() throws Exception {
    try (LocalCluster cluster = new LocalCluster(3, dir, c -> c.withSnapshotCount(50, 10))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.leader() >= 0);
      int down = (cluster.leader() + 1) % 3;
      cluster.stop(down);
      String[] up = java.util.stream.IntStream.range(0, 3).filter(i -> i != down)
          .mapToObj(i -> cluster.endpoints()[i]).toArray(String[]::new);
      try (Client client = Client.builder().endpoints(up).build()) {
        for (int i = 0; i < 200; i++) {
          client.getKVClient().put(b("s/" + i), b("v" + i)).get(10, TimeUnit.SECONDS);
        }
      }
      cluster.start(down);
      try (Client lagging = Client.builder().endpoints(cluster.endpoints()[down]).build()) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> lagging.getKVClient()
            .get(b("s/"), GetOption.builder().isPrefix(true).withCountOnly(true).withSerializable(true).build())
            .get(5, TimeUnit.SECONDS).getCount() == 200);
      }
      assertThat(Files.list(dir.resolve("n" + (down + 1)).resolve("snap")).count()).isPositive();
      cluster.stop(down);
      cluster.start(down);
      try (Client restarted = Client.builder().endpoints(cluster.endpoints()[down]).build()) {
        // serializable: answered from this member's own recovered state, no quorum involved
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> restarted.getKVClient()
            .get(b("s/199"), GetOption.builder().withSerializable(true).build()).get(5, TimeUnit.SECONDS)
            .getKvs().get(0).getValue().toString(StandardCharsets.UTF_8).equals("v199"));
      }
    }
  }
}
