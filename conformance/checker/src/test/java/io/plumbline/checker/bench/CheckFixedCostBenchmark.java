package io.plumbline.checker.bench;

import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.SyntheticHistories;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one whole check (model set-up, per-key split, memo, search) on small histories, where
 * the fixed part dominates: 10, 50 and 500 operations of the {@code kv} model from 4 clients, on
 * one key (one partition) and on ten keys (split per key). Reading the file is not included.
 * Run: {@code mvn -B -q -Pbench-checker -pl conformance/checker -am verify -DskipTests} (see conformance/checker/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime) // percentiles: a shared, loaded machine preempts some calls; the median stays put
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CheckFixedCostBenchmark {
  @Param({"10", "50", "500"})
  public int operations;

  @Param({"1", "10"})
  public int keys;

  private History history;
  private final Budget budget = Budget.ofTimeout(Duration.ofSeconds(60));

  @Setup
  public void setUp() {
    history = SyntheticHistories.kv(7, operations, 4, keys, 2);
    CheckResult r = check();
    if (!r.isValid()) { // generated from a real store, so linearizable by construction
      throw new IllegalStateException("expected valid, got " + r.validity() + ": " + r.reason());
    }
  }

  /** One check with a fresh model, as {@code check-history} does per file. */
  @Benchmark
  public CheckResult check() {
    return LinearizabilityChecker.check(history, Models.create("kv", null), budget);
  }
}
