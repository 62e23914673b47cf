package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etcdctl snapshot save} against a reference member writes a bbolt file that etcd 3.4's own code reads:
 * {@code snapshot status} (bbolt's integrity check, then a walk of every bucket) gives the member's revision and
 * the number of entries the store holds; the same file with a used page listed as free is refused, so the
 * status is no rubber stamp.
 */
class SnapshotStatusTest {
  @TempDir Path dir;

  @Test
  void etcdctlReadsTheSnapshot() throws Exception {
    try (LocalCluster cluster = new LocalCluster(1, dir.resolve("m"), c -> c)) {
      Etcdctl ctl = new Etcdctl(cluster.endpoints()[0], Files.createDirectories(dir.resolve("out")));
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> ctl.run(null, "put", "a", "1").contains("OK"));
      ctl.run(null, "put", "b", "2");
      assertThat(ctl.run("\nput c 3\nput d 4\n\n\n", "txn", "-i")).contains("SUCCESS"); // sub-revisions 0, 1
      ctl.run(null, "del", "a");
      ctl.run("x".repeat(200_000), "put", "big"); // larger than a page: overflow pages (value on stdin)
      for (int t = 0; t < 3; t++) { // more than a leaf holds: branch pages
        StringBuilder puts = new StringBuilder("\n"); // no compares, then the success branch
        for (int i = 0; i < 100; i++) {
          puts.append("put k").append(t * 100 + i).append(" v").append(i).append('\n');
        }
        assertThat(ctl.run(puts + "\n\n", "txn", "-i")).contains("SUCCESS");
      }
      String lease = ctl.run(null, "lease", "grant", "600").split(" ")[1];
      assertThat(ctl.run(null, "put", "--lease=" + lease, "leased", "v")).contains("OK");
      Path file = Files.createDirectories(Path.of("target", "snapshot-status")).resolve("snap.db");
      Files.deleteIfExists(file);
      assertThat(ctl.run(null, "snapshot", "save", file.toString())).contains("Snapshot saved");
      long revision = cluster.servers[0].node().read(m -> m.currentRevision());

      JsonNode status = new ObjectMapper().readTree(ctl.run(null, "snapshot", "status", file.toString(), "-w", "json"));
      assertThat(status.get("revision").asLong()).isEqualTo(revision);
      // key bucket: a b c d, a's deletion, big, k0..k299, leased = 307; meta: consistent_index; lease: 1;
      // members: 1; cluster: clusterVersion
      assertThat(status.get("totalKey").asLong()).as(status.toString()).isEqualTo(307 + 1 + 1 + 1 + 1);
      assertThat(status.get("totalSize").asLong() % 4096).isZero();

      // page 2 is the freelist: listing page 3, which the key bucket uses, must fail bbolt's check
      byte[] bytes = Files.readAllBytes(file);
      java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(2 * 4096 + 10, (short) 1)
          .putLong(2 * 4096 + 16, 3);
      Path broken = Files.write(dir.resolve("broken.db"), bytes);
      assertThat(ctl.run(null, "snapshot", "status", broken.toString()))
          .contains("snapshot file integrity check failed").contains("page 3: reachable freed");
    }
  }
}
