package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.report.StoreWriter;
import io.plumbline.chaos.run.ChaosRunner;
import io.plumbline.chaos.run.RunOptions;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.controlplane.Component;
import io.plumbline.controlplane.ControlPlane;
import io.plumbline.controlplane.ControlPlaneState;
import io.plumbline.controlplane.Teardown;
import io.plumbline.controlplane.UpOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./plumbline chaos --workload control-plane}: {@code up} a control plane in
 * {@code REPORT/cluster}, then run it on the common {@link ChaosRunner}: {@link CpWorkload}'s
 * clients create, scale and delete RCs through HAProxy while {@link CpNemesis} plays
 * {@link CpSchedule} (kill and freeze the active controller manager, kill store members, partition
 * an API server from the store through proxies on its store links); the runner records planned
 * against applied faults, heals, runs the final operations and judges the evidence, and the store
 * directory is written as for every chaos run. Always {@code down}s what it started.
 */
public final class ControlPlaneChaos {
  private final CpOptions o;
  private final Consumer<String> log;
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

  private List<Verdict> runOn(Path cluster, ControlPlaneState state, CpStoreLinks links) {
    NemesisSchedule schedule = CpSchedule.plan(o.seed(), o.duration().toMillis(), o.leaseDurationMs(),
        state.ofKind(Component.Kind.STORE).size(), state.ofKind(Component.Kind.APISERVER).size());
    schedule.windows().forEach(f -> log.accept("  planned: " + f.describe()));
    CpNemesis nemesis = new CpNemesis(cluster, links, log, o.takeoverBoundMs());
    CpWorkload workload = new CpWorkload(o, new UpPlane(state, nemesis));
    String endpoint = state.serverUrl().equals(state.haproxyUrl()) ? "haproxy" : "apiserver";
    RunOptions options = new RunOptions(o.seed(), o.clients(), o.clients() * 2.0, o.duration(),
        Duration.ofSeconds(5), Duration.ofSeconds(60));
    RunResult r = new ChaosRunner(List.of(state.serverUrl()), i -> endpoint, nemesis, workload, schedule, options,
        log).run();
    writeReport(schedule, r, nemesis);
    return r.verdicts();
  }

  /** {@code up}'s processes behind HAProxy, as {@link CpWorkload} sees them. */
  private record UpPlane(ControlPlaneState state, CpNemesis nemesis) implements CpPlane {
    @Override
    public String readUrl() {
      return state.serverUrl();
    }

    @Override
    public String readName() {
      return state.serverUrl().equals(state.haproxyUrl()) ? "haproxy" : "apiserver";
    }

    @Override
    public String serverName(String identity) {
      return state.ofKind(Component.Kind.APISERVER).stream().filter(c -> c.url().endsWith("//" + identity))
          .map(Component::name).findFirst().orElse(identity);
    }

    @Override
    public List<CpNemesis.Takeover> takeovers() throws InterruptedException {
      return nemesis.takeovers();
    }

    /** Judged from the pod watch's read-back, naming the first stale write as the watch recorded it. */
    @Override
    public Verdict fencing(io.plumbline.history.History history, List<FencingOracle.StampedWrite> readBack) {
      Verdict v = CpChecks.fencing(state, readBack);
      FencingOracle.StampedWrite stale = FencingOracle.firstStale(readBack);
      return stale == null ? v : v.naming(FencingOracle.blamed(history, stale, stale + ": a deposed leader's write"),
          "a deposed leader's write, accepted");
    }
  }

  /** The store directory every chaos run writes (index.html with the plot, results.json, history). */
  private void writeReport(NemesisSchedule schedule, RunResult r, CpNemesis nemesis) {
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
    more.put("faults", schedule.windows().stream().map(FaultWindow::describe).toList());
    try {
      more.put("takeovers", nemesis.takeovers());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StoreWriter.write(o.report(), o.seed(), options, r, more);
  }
}
