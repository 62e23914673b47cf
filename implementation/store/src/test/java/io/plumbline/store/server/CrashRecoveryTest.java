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
import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.Validity;
import io.plumbline.checker.model.EtcdModel;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryWriter;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import io.plumbline.checker.model.EtcdEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members as processes under a write load: SIGKILL the leader, restart it, SIGKILL a follower,
 * restart it. Every write a client saw acknowledged must be on every member afterwards (small
 * snapshot count, so restarts recover from snapshots and lagging members may catch up by one).
 * Meanwhile other clients run get/put/delete/txn-cas on a few shared keys, recorded as a history
 * that plumbline's linearizability checker ({@code etcd} model) must accept; the history is left in
 * {@code target/crash-recovery/history.jsonl} (re-check: {@code ./plumbline check-history FILE --model etcd}).
 */
class CrashRecoveryTest {
  private static final int HISTORY_CLIENTS = 4;
  private static final List<String> HISTORY_KEYS = List.of("lin/k0", "lin/k1", "lin/k2", "lin/k3", "lin/k4");
  @TempDir Path dir;

  static ByteSequence b(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  @Test
  void noAcknowledgedWriteIsLostWhenMembersAreKilled() throws Exception {
    Map<String, String> acked = new ConcurrentHashMap<>();
    HistoryRecorder recorder = new HistoryRecorder();
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
      for (int w = 0; w < HISTORY_CLIENTS; w++) {
        HistoryClient hc = new HistoryClient(client.getKVClient(), recorder, HISTORY_KEYS, w, HISTORY_CLIENTS, 42 + w);
        Thread t = new Thread(() -> hc.runWhile(writing::get), "history-" + w);
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
      assertLinearizable(recorder.history("crash-recovery"));
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

  /** The recorded history must be linearizable for the etcd model; it is saved for re-checking. */
  private static void assertLinearizable(History history) throws java.io.IOException {
    Path out = java.nio.file.Files.createDirectories(Path.of("target", "crash-recovery"));
    HistoryWriter.write(history, out.resolve("history.jsonl"), HistoryFormat.JSONL);
    long ok = history.events().stream().filter(e -> e.type() == OpType.OK).count();
    assertThat(ok).as("completed operations in the history").isGreaterThan(50);
    CheckResult r = LinearizabilityChecker.check(history, new EtcdModel(), Budget.ofTimeout(Duration.ofSeconds(60)));
    assertThat(r.validity()).as("etcd model on %d events: %s", history.events().size(), r.reason())
        .isEqualTo(Validity.TRUE);
    // the check bites on this very history: one read answering a value nobody wrote is caught
    CheckResult bad = LinearizabilityChecker.check(withBogusRead(history), new EtcdModel(),
        Budget.ofTimeout(Duration.ofSeconds(60)));
    assertThat(bad.validity()).isEqualTo(Validity.FALSE);
  }

  /** The history with its last successful get answering a value no client ever wrote. */
  private static History withBogusRead(History h) {
    List<Op> events = new java.util.ArrayList<>(h.events());
    for (int i = events.size() - 1; i >= 0; i--) {
      Op e = events.get(i);
      if (e.type() == OpType.OK && "get".equals(e.f())) {
        events.set(i, new Op(e.index(), e.process(), e.type(), e.f(), EtcdEncoding.getResult("never-written", 1),
            e.key(), e.timeNanos(), e.wallTimeMillis(), e.extra()));
        return new History(h.source() + "-bogus-read", events);
      }
    }
    throw new AssertionError("no successful get in the history");
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
