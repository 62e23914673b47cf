package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members as processes under a write load: SIGKILL the leader, restart it, SIGKILL a follower,
 * restart it. Every write a client saw acknowledged must be on every member afterwards (small
 * snapshot count, so restarts recover from snapshots and lagging members may catch up by one).
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  static ByteSequence b(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  @Test
  void noAcknowledgedWriteIsLostWhenMembersAreKilled() throws Exception {
    Map<String, String> acked = new ConcurrentHashMap<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    try (ProcessCluster cluster = new ProcessCluster(3, dir, "--snapshot-count", "300");
        Client client = Client.builder().endpoints(cluster.clientUrls.toArray(String[]::new)).build()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> leaderIndex(cluster) >= 0);
      List<Thread> writers = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int id = w;
        Thread t = new Thread(() -> write(client, id, writing, acked), "writer-" + id);
        t.start();
        writers.add(t);
      }
      int leader = leaderIndex(cluster);
      crashAndRestart(cluster, leader, acked);
      int follower = (leaderIndex(cluster) + 1) % 3;
      crashAndRestart(cluster, follower, acked);
      writing.set(false);
      for (Thread t : writers) {
        t.join();
      }
      assertThat(acked).hasSizeGreaterThan(100);
      for (String endpoint : cluster.clientUrls) {
        try (Client one = Client.builder().endpoints(endpoint).build()) {
          await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
              .until(() -> missing(one, acked).isEmpty());
        }
      }
    } finally {
      keepLogs();
    }
  }

  /** Member logs (elections, recovery, snapshots) go to target/crash-recovery/ for review. */
  private void keepLogs() throws java.io.IOException {
    Path out = java.nio.file.Files.createDirectories(Path.of("target", "crash-recovery"));
    try (var logs = java.nio.file.Files.list(dir)) {
      for (Path p : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
        java.nio.file.Files.copy(p, out.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void crashAndRestart(ProcessCluster cluster, int i, Map<String, String> acked) throws Exception {
    int before = acked.size();
    cluster.kill(i);
    await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() > before + 100);
    cluster.start(i);
    int after = acked.size();
    await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() > after + 100);
  }

  private static void write(Client client, int writer, AtomicBoolean writing, Map<String, String> acked) {
    for (int seq = 0; writing.get(); seq++) {
      String key = "crash/" + writer + "/" + seq;
      try {
        client.getKVClient().put(b(key), b("v" + seq)).get(3, TimeUnit.SECONDS);
        acked.put(key, "v" + seq);
      } catch (Exception e) {
        // indeterminate: may or may not have happened; only acknowledged writes are checked
      }
    }
  }

  /** Acknowledged keys this member does not have (or has with another value). */
  private static Map<String, String> missing(Client one, Map<String, String> acked) throws Exception {
    Map<String, String> have = new HashMap<>();
    one.getKVClient().get(b("crash/"), GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS)
        .getKvs().forEach(kv -> have.put(kv.getKey().toString(StandardCharsets.UTF_8),
            kv.getValue().toString(StandardCharsets.UTF_8)));
    Map<String, String> out = new HashMap<>(acked);
    out.entrySet().removeIf(e -> e.getValue().equals(have.get(e.getKey())));
    return out;
  }

  /** The member every live member agrees leads, or -1. */
  private static int leaderIndex(ProcessCluster cluster) {
    for (int i = 0; i < cluster.clientUrls.size(); i++) {
      try (Client one = Client.builder().endpoints(cluster.clientUrls.get(i)).build()) {
        var s = one.getMaintenanceClient().statusMember(cluster.clientUrls.get(i)).get(2, TimeUnit.SECONDS);
        if (s.getLeader() != 0 && s.getLeader() == s.getHeader().getMemberId()) {
          return i;
        }
      } catch (Exception e) {
        // down or not answering: not the leader
      }
    }
    return -1;
  }
}
