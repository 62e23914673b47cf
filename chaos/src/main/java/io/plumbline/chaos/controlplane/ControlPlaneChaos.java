package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.report.StoreWriter;
import io.plumbline.chaos.run.Evidence;
import io.plumbline.chaos.run.Progress;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.history.History;
import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.checker.Validity;
import io.plumbline.controlplane.ControlPlane;
import io.plumbline.controlplane.ControlPlaneState;
import io.plumbline.controlplane.Teardown;
import io.plumbline.controlplane.UpOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code ./plumbline chaos --workload control-plane}: {@code up} a control plane in
 * {@code REPORT/cluster}, let clients create, scale and delete RCs through HAProxy while the
 * nemesis kills and freezes the active controller manager, kills store members and partitions
 * an API server from the store (through proxies on its store links), heal, then
 * check convergence, deposed-leader writes, takeover times and watch resourceVersions. Always
 * {@code down}s what it started.
 */
public final class ControlPlaneChaos {
  private static final long CONVERGENCE_LIMIT_MS = 90_000;
  /** A few garbage-collector passes (one per 1 s sync) after convergence. */
  private static final long ORPHAN_WAIT_MS = 10_000;
  private final CpOptions o;
  private final Consumer<String> log;
  /** The fewest ok client operations in the fault phase for a verdict (each is one HTTP request). */
  static final long MINIMUM_OK_OPERATIONS = 20;
  private CpHistory history;

  private final Path haproxyBinary;

  /** With the HAProxy of Debian's package. */
  public ControlPlaneChaos(CpOptions options, Consumer<String> log) {
    this(options, UpOptions.HAPROXY, log);
  }

  public ControlPlaneChaos(CpOptions options, Path haproxyBinary, Consumer<String> log) {
    this.o = options;
    this.haproxyBinary = haproxyBinary;
    this.log = log;
  }

  /** Runs and returns the verdicts (also written to {@code REPORT/results.json}). */
  public List<Verdict> run() throws IOException, InterruptedException {
    Path cluster = o.report().resolve("cluster");
    UpOptions up = UpOptions.defaults(cluster).withStore(o.store()).withFencing(o.fencing())
        .withLeaseTimings(o.leaseDurationMs(), o.renewDeadlineMs(), o.retryPeriodMs())
        .withHaproxyBinary(haproxyBinary)
        .withSecure(false); // the chaos clients speak plain HTTP; security is not what this run tests
    try (CpStoreLinks links = new CpStoreLinks()) {
      ControlPlaneState state = ControlPlane.up(up, links, line -> log.accept("up: " + line));
      try {
        return runOn(cluster, state, links);
      } finally {
        Teardown.down(cluster, line -> log.accept("down: " + line));
      }
    }
  }

  private List<Verdict> runOn(Path cluster, ControlPlaneState state, CpStoreLinks links)
      throws IOException, InterruptedException {
    RcClient client = new RcClient(state.serverUrl());
    List<CpFault> plan = CpFault.plan(o.seed(), o.duration().toMillis(), o.leaseDurationMs(), 3,
        state.ofKind(io.plumbline.controlplane.Component.Kind.APISERVER).size());
    plan.forEach(f -> log.accept("  planned: " + f.describe()));
    history = new CpHistory(state.serverUrl());
    CpNemesis nemesis = new CpNemesis(cluster, links, history, log, o.takeoverBoundMs());
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = startClients(state.serverUrl(), stop);
    List<TimelineEntry> timeline = new ArrayList<>();
    Thread ticker = progressTicker(stop, () -> nemesis.progress(plan.size()));
    try (RvWatcher watcher = new RvWatcher(state.serverUrl(), client).start()) {
      for (CpFault f : plan) {
        Thread.sleep(Math.max(0, f.startMs() - history.elapsedMs()));
        timeline.add(nemesis.apply(f));
      }
      Thread.sleep(Math.max(0, o.duration().toMillis() - history.elapsedMs()));
      stop.set(true);
      for (Thread w : workers) {
        w.join();
      }
      ticker.interrupt();
      long okInFaultPhase = history.ok.sum();
      nemesis.healAll();
      log.accept(line("healed; waiting for convergence"));
      List<Verdict> verdicts = check(client, state, nemesis, watcher);
      verdicts.add(Evidence.judgeDescribed(plan.stream().map(CpFault::describe).toList(), timeline,
          okInFaultPhase, MINIMUM_OK_OPERATIONS));
      writeReport(plan, nemesis, verdicts, timeline);
      return verdicts;
    } finally {
      stop.set(true);
      ticker.interrupt();
    }
  }

  /** Prints a progress line every {@link Progress#EVERY_NANOS} until {@code stop}. */
  private Thread progressTicker(AtomicBoolean stop, Supplier<String> faults) {
    Thread t = new Thread(() -> {
      try {
        while (!stop.get()) {
          Thread.sleep(Progress.EVERY_NANOS / 1_000_000); // a reporting period, not synchronisation
          if (!stop.get()) {
            log.accept(line(faults.get()));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the run ended
      }
    }, "cp-progress");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private String line(String what) {
    return Progress.line(history.nowNanos(), o.duration().toNanos(), history.ok.sum(), history.fail.sum(),
        history.info.sum(), what);
  }

  private List<Verdict> check(RcClient client, ControlPlaneState state, CpNemesis nemesis,
      RvWatcher watcher) throws InterruptedException {
    long t0 = System.currentTimeMillis();
    List<String> unconverged = CpChecks.unconverged(client);
    while (!unconverged.isEmpty() && System.currentTimeMillis() - t0 < CONVERGENCE_LIMIT_MS) {
      Thread.sleep(500); // polling the cluster until the controllers caught up
      unconverged = CpChecks.unconverged(client);
    }
    int rcs = client.get(RcClient.RCS).map(l -> l.path("items").size()).orElse(0);
    List<Verdict> verdicts = new ArrayList<>();
    verdicts.add(CpChecks.convergence(unconverged, rcs, System.currentTimeMillis() - t0));
    verdicts.add(CpChecks.orphans(client, ORPHAN_WAIT_MS));
    verdicts.add(CpChecks.fencing(state, watcher.creations()));
    verdicts.add(CpChecks.takeovers(nemesis.takeovers, o.takeoverBoundMs(),
        o.leaseDurationMs()));
    verdicts.add(CpChecks.watch(watcher));
    String recovery = client.create("final-check", 1);
    verdicts.add(new Verdict("recovery", recovery.equals("ok") ? Validity.TRUE : Validity.FALSE,
        "a create through " + (state.serverUrl().equals(state.haproxyUrl()) ? "HAProxy"
            : "API server " + state.serverUrl()) + " after the heal: " + recovery, ""));
    return verdicts;
  }

  private List<Thread> startClients(String serverUrl, AtomicBoolean stop) {
    List<Thread> workers = new ArrayList<>();
    SplittableRandom root = new SplittableRandom(o.seed() ^ 0x5eedL);
    for (int p = 0; p < o.clients(); p++) {
      SplittableRandom random = root.split();
      int process = p;
      RcClient client = new RcClient(serverUrl);
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          clientOp(process, client, random);
        }
      }, "cp-client-" + p);
      t.start();
      workers.add(t);
    }
    return workers;
  }

  /** One seeded operation on a random RC, recorded invoke → ok/fail/info; then a short pause. */
  private void clientOp(int process, RcClient client, SplittableRandom random) {
    String rc = "rc-" + random.nextInt(o.rcs());
    int replicas = random.nextInt(6);
    int kind = random.nextInt(10); // 3 create, 5 scale, 2 delete
    String f = kind < 3 ? "create" : kind < 8 ? "scale" : "delete";
    String value = f.equals("delete") ? rc : rc + "=" + replicas;
    history.client(process, "invoke", f, value);
    String outcome = switch (f) {
      case "create" -> client.create(rc, replicas);
      case "scale" -> client.scale(rc, replicas);
      default -> client.delete(rc);
    };
    history.client(process, outcome, f, value);
    try {
      Thread.sleep(200 + random.nextInt(300)); // client think time (a rate, not synchronisation)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The store directory every chaos run writes (index.html with the plot, results.json, history). */
  private void writeReport(List<CpFault> plan, CpNemesis nemesis, List<Verdict> verdicts,
      List<TimelineEntry> timeline) {
    History h = history.history("control-plane chaos seed " + o.seed());
    RunResult r = new RunResult(h, timeline, verdicts, history.nowNanos());
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("workload", o.fencing() ? "control-plane" : "control-plane-unfenced");
    options.put("target", o.store());
    options.put("duration", o.duration().toSeconds() + "s");
    options.put("clients", o.clients());
    options.put("seed", o.seed());
    options.put("lease_ms", o.leaseDurationMs() + "/" + o.renewDeadlineMs() + "/" + o.retryPeriodMs());
    Map<String, Object> more = new LinkedHashMap<>();
    more.put("fencing", o.fencing());
    more.put("store", o.store());
    more.put("faults", plan.stream().map(CpFault::describe).toList());
    more.put("takeovers", nemesis.takeovers);
    StoreWriter.write(o.report(), o.seed(), options, r, more);
  }
}
