package io.plumbline.conformance.linearizability;

import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.Failure;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.model.EtcdModel;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.CheckGroup;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.HistoryWriter;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import io.plumbline.history.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The linearizability group: concurrent clients run get/put/delete/txn-cas on a small key set for
 * the configured time; the history is saved (JSON Lines and EDN) and checked with the {@code etcd}
 * model.
 */
public final class LinearizabilityGroup {
  /** A small key set makes clients collide, which is where anomalies show. */
  static final int KEYS = 5;
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(120);

  private LinearizabilityGroup() {}

  public static CheckGroup create() {
    return new CheckGroup("linearizability", List.of(Check.of("kv-history",
        "concurrent get/put/delete/txn-cas form a linearizable history (etcd model)", LinearizabilityGroup::run)));
  }

  static Verdict run(Session s) throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      keys.add(s.prefix() + "lin/k" + i);
    }
    HistoryRecorder recorder = new HistoryRecorder();
    int clients = s.options().clients();
    long deadline = System.nanoTime() + s.options().workloadDuration().toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < clients; w++) {
        Workload load = new Workload(s, recorder, keys, w, clients, s.random().nextLong());
        running.add(pool.submit(() -> load.runUntil(deadline)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    History history = recorder.history("linearizability");
    List<String> ev = new ArrayList<>();
    ev.add(counts(history, clients, s.options().workloadDuration()));
    List<String> saved = save(s, history);
    CheckResult r = LinearizabilityChecker.check(history, new EtcdModel(), Budget.ofTimeout(CHECK_TIMEOUT));
    ev.add("etcd model: " + r.validity().word() + " — " + r.operations() + " operations in " + r.partitions()
        + " partitions (one per key), checked in " + r.elapsedNanos() / 1_000_000 + " ms");
    ev.addAll(saved);
    return switch (r.validity()) {
      case TRUE -> Verdict.pass(history.operations().size() + " operations on " + KEYS + " keys are linearizable", ev);
      case FALSE -> Verdict.fail(r.reason(), failureEvidence(r.failure(), ev));
      case UNKNOWN -> Verdict.unknown("checker gave no verdict: " + r.reason(), ev);
    };
  }

  /** Writes the history as JSON Lines and EDN when the run has a report directory. */
  private static List<String> save(Session s, History h) throws java.io.IOException {
    Path dir = s.options().reportDir();
    if (dir == null) {
      return List.of("history not saved (no report directory)");
    }
    Files.createDirectories(dir);
    Path jsonl = dir.resolve("linearizability.jsonl");
    Path edn = dir.resolve("linearizability.edn");
    HistoryWriter.write(h, jsonl, HistoryFormat.JSONL);
    HistoryWriter.write(h, edn, HistoryFormat.EDN);
    return List.of("history: " + jsonl + " (re-check: ./plumbline check-history " + jsonl + " --model etcd)",
        "history (Jepsen EDN): " + edn);
  }

  private static String counts(History h, int clients, Duration d) {
    long ok = h.events().stream().filter(e -> e.type() == OpType.OK).count();
    long fail = h.events().stream().filter(e -> e.type() == OpType.FAIL).count();
    long info = h.events().stream().filter(e -> e.type() == OpType.INFO).count();
    long invokes = h.events().stream().filter(e -> e.type() == OpType.INVOKE).count();
    return clients + " clients for " + d.toSeconds() + " s: " + invokes + " operations (" + ok + " ok, " + fail
        + " fail, " + info + " info)";
  }

  private static List<String> failureEvidence(Failure f, List<String> ev) {
    List<String> out = new ArrayList<>();
    if (f == null) {
      out.addAll(ev);
      return out;
    }
    out.add("cannot linearize: " + f.operation().describe() + (f.partition() == null ? "" : " (key " + f.partition() + ")"));
    out.add("state after the longest linearizable prefix (" + f.prefix().size() + " ops): " + f.stateAfterPrefix());
    List<Operation> tail = f.prefix().subList(Math.max(0, f.prefix().size() - 5), f.prefix().size());
    tail.forEach(o -> out.add("  prefix … " + o.describe() + times(o)));
    out.add("concurrent candidates and why each fails next:");
    for (int i = 0; i < f.concurrent().size(); i++) {
      out.add("  " + f.concurrent().get(i).describe() + times(f.concurrent().get(i))
          + (i < f.attempts().size() ? ": " + f.attempts().get(i) : ""));
    }
    out.addAll(ev);
    return out;
  }

  private static String times(Operation o) {
    Op inv = o.invoke();
    Op done = o.completion();
    return " [event " + inv.index() + (done == null ? "" : ".." + done.index()) + "]";
  }
}
