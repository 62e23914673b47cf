package io.plumbline.chaos.run;

import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Budget;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.Validity;
import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryReader;
import io.plumbline.history.HistoryWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The CI suite's short runs: one workload, a seeded schedule of the given faults, progress and verdicts printed. */
final class ShortRuns {
  private ShortRuns() {}

  /** Runs {@code workload} (built from the per-call timeout) for {@code seconds} at 100 ops/s. */
  static RunResult run(ChaosCluster cluster, long seed, List<FaultKind> kinds, int seconds,
      Function<Duration, Workload> workload) {
    return run(cluster, seed, kinds, seconds, 100, workload);
  }

  /** Runs {@code workload} for {@code seconds} at {@code rate} ops/s. */
  static RunResult run(ChaosCluster cluster, long seed, List<FaultKind> kinds, int seconds, double rate,
      Function<Duration, Workload> workload) {
    return run(cluster, seed, kinds, NemesisSchedule.Timing.standard(), seconds, rate, workload);
  }

  /** Runs {@code workload} for {@code seconds} at {@code rate} ops/s with the given fault timing. */
  static RunResult run(ChaosCluster cluster, long seed, List<FaultKind> kinds, NemesisSchedule.Timing timing,
      int seconds, double rate, Function<Duration, Workload> workload) {
    System.out.println("chaos seed " + seed + ", faults " + kinds);
    RunOptions options = RunOptions.of(seed, Duration.ofSeconds(seconds), rate);
    NemesisSchedule schedule = NemesisSchedule.generate(seed, kinds, cluster.size(), options.duration().toMillis(),
        timing);
    schedule.windows().forEach(w -> System.out.println("  planned: " + w.describe()));
    RunResult r = new ChaosRunner(cluster, workload.apply(options.opTimeout()), schedule, options,
        () -> EtcdClients.leader(cluster.clientUrls()), System.out::println).run();
    r.verdicts().forEach(v -> System.out.println(v.checker() + ": " + v.summary() + "\n" + v.details()));
    r.timeline().forEach(t -> System.out.println("fault: " + t.description()));
    cluster.saveLogs(Path.of("target", "chaos-logs", workload.apply(options.opTimeout()).name() + "-seed" + seed));
    return r;
  }

  /**
   * The verdict {@code check-history} gives the run's history saved in {@code format}, with the
   * model it picks by default: a user re-checking a saved run must not get a kinder verdict.
   */
  static Validity recheck(RunResult r, HistoryFormat format) {
    return recheck(r.history(), format);
  }

  /** As above, for a recorded history. */
  static Validity recheck(History history, HistoryFormat format) {
    History saved = HistoryReader.parse("saved." + format, HistoryWriter.toString(history, format), format);
    return LinearizabilityChecker.check(saved, Models.infer(saved, format, null), Budget.ofTimeout(Duration.ofSeconds(60)))
        .validity();
  }
}
