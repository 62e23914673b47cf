package io.plumbline.conformance.cli;

import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.Model;
import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.SyntheticHistories;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code check-history --bench}: times the check (not the reading) of each file. One cold pass,
 * two warm-up passes, then {@code rounds} timed checks per file; reports the median per file and
 * the sums. Then the synthetic cases of issue 3: 10,000 operations from 10 clients over 100 keys,
 * and a history too hard for a 2 s budget.
 */
final class Bench {
  private final PrintWriter out;
  private final int rounds;

  Bench(PrintWriter out, int rounds) {
    this.out = out;
    this.rounds = rounds;
  }

  void run(List<HistoryInput> inputs, Function<HistoryInput, Model<?>> models, Budget budget) {
    double[] cold = new double[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      cold[i] = check(inputs.get(i).history(), models.apply(inputs.get(i)), budget).elapsedNanos() / 1e6;
    }
    for (int pass = 0; pass < 2; pass++) {
      inputs.forEach(in -> check(in.history(), models.apply(in), budget));
    }
    int width = inputs.stream().mapToInt(in -> in.file().toString().length()).max().orElse(4);
    out.printf("%-" + width + "s  %-8s %6s %10s %10s %10s%n", "file", "verdict", "ops", "cold ms", "median ms", "mean cpu ms");
    double sumMedian = 0;
    double sumCold = 0;
    double sumCpu = 0;
    for (int i = 0; i < inputs.size(); i++) {
      HistoryInput in = inputs.get(i);
      double[] ms = new double[rounds];
      double[] cpu = new double[rounds];
      CheckResult last = null;
      for (int r = 0; r < rounds; r++) {
        long cpuBefore = processCpuNanos();
        last = check(in.history(), models.apply(in), budget);
        cpu[r] = (processCpuNanos() - cpuBefore) / 1e6;
        ms[r] = last.elapsedNanos() / 1e6;
      }
      double median = median(ms);
      sumMedian += median;
      sumCold += cold[i];
      double meanCpu = Arrays.stream(cpu).average().orElse(0); // ticks are coarse: a mean, not a median
      sumCpu += meanCpu;
      out.printf("%-" + width + "s  %-8s %6d %10.3f %10.3f %10.3f%n", in.file(), last.validity().word(), last.operations(),
          cold[i], median, meanCpu);
      out.flush();
    }
    out.printf("sum over %d files: %.1f ms wall (medians of %d warm rounds), %.1f ms process CPU (means), "
        + "%.1f ms wall on the first, cold pass%n", inputs.size(), sumMedian, rounds, sumCpu, sumCold);
    synthetic();
    out.flush();
  }

  private void synthetic() {
    History big = SyntheticHistories.kv(1, 10_000, 10, 100, 2);
    double[] ms = new double[3];
    CheckResult r = null;
    for (int i = 0; i < ms.length; i++) {
      r = check(big, Models.create("kv", null), Budget.ofTimeout(Duration.ofSeconds(60)));
      ms[i] = r.elapsedNanos() / 1e6;
    }
    out.printf("synthetic kv: 10000 operations, 10 clients, 100 keys (2%% crashed): %s, %d partitions, "
        + "median %.1f ms of 3 (first %.1f ms)%n", r.validity().word(), r.partitions(), median(ms), ms[0]);
    Duration limit = Duration.ofSeconds(2);
    CheckResult hard = check(SyntheticHistories.hardRegister(40), Models.create("register", null), Budget.ofTimeout(limit));
    out.printf("too hard: 40 concurrent writes and an impossible read, budget %d ms: %s after %.1f ms (%s)%n",
        limit.toMillis(), hard.validity().word(), hard.elapsedNanos() / 1e6, hard.reason());
  }

  private static CheckResult check(History h, Model<?> m, Budget budget) {
    return LinearizabilityChecker.check(h, m, budget);
  }

  /** CPU time of the whole JVM (all threads), which contention on a shared machine inflates less than wall time. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
