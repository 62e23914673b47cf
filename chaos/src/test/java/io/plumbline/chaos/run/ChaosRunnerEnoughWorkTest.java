package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.workload.Completion;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.chaos.workload.WorkloadClient;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A workload that did too little in the planned time runs on (bounded by one more planned duration)
 * until it has done its minimum, so a loaded machine does not turn a run unknown; a workload that
 * never gets there stays unknown.
 */
class ChaosRunnerEnoughWorkTest {
  private static final long MINIMUM = 5;

  /** Fails every increment until the runner says it runs on; from then on every increment is ok. */
  private static Workload workload(AtomicBoolean okFromNowOn, boolean checkerThrows) {
    return new Workload() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public long minimumOkOperations() {
        return MINIMUM;
      }

      @Override
      public WorkloadClient client(int process, String clientUrl) {
        return new WorkloadClient() {
          @Override
          public Completion invoke(Invocation op) {
            return op.f().equals("read") || okFromNowOn.get() ? Completion.ok(0L) : Completion.fail("not yet");
          }

          @Override
          public void close() {}
        };
      }

      @Override
      public Generator generator() {
        return Generators.repeat(ctx -> new Invocation(Invocation.ANY, "incr", null, null, 0));
      }

      @Override
      public Generator finalGenerator(List<Integer> processes) {
        return Generators.limit(1, Generators.repeat(ctx -> new Invocation(Invocation.ANY, "read", null, null, 0)));
      }

      @Override
      public Verdict check(History history) {
        if (checkerThrows) {
          throw new IllegalStateException("a checker bug");
        }
        return new Verdict(name(), Validity.TRUE, "", "");
      }
    };
  }

  private static RunResult run(AtomicBoolean okFromNowOn, boolean turnOkWhenRunningOn) {
    return run(okFromNowOn, turnOkWhenRunningOn, false);
  }

  private static RunResult run(AtomicBoolean okFromNowOn, boolean turnOkWhenRunningOn, boolean checkerThrows) {
    RunOptions options = new RunOptions(1, 2, 50, Duration.ofMillis(300), Duration.ofSeconds(1),
        Duration.ofSeconds(5));
    return new ChaosRunner(new SteadyCluster(List.of("http://127.0.0.1:1")), workload(okFromNowOn, checkerThrows), new NemesisSchedule(List.of()), options, () -> -1,
        line -> {
          if (turnOkWhenRunningOn && line.contains("running on until enough")) {
            okFromNowOn.set(true);
          }
        }).run();
  }

  private static Workload.Verdict evidence(RunResult r) {
    return r.verdicts().stream().filter(v -> v.checker().equals("evidence")).findFirst().orElseThrow();
  }

  @Test
  void aWorkloadShortOfItsMinimumRunsOnUntilItHasDoneEnough() {
    RunResult r = run(new AtomicBoolean(false), true);
    assertThat(evidence(r).validity()).as(evidence(r).summary()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aWorkloadThatNeverDoesEnoughStaysUnknown() {
    RunResult r = run(new AtomicBoolean(false), false);
    assertThat(evidence(r).validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(evidence(r).details()).contains("the workload did too little: 0 ok operation(s)");
  }

  /** An exception inside a checker is unknown (Jepsen's rule), never valid: the run says unknown, exit 3. */
  @Test
  void aCheckerThatThrowsMakesTheRunUnknown() {
    RunResult r = run(new AtomicBoolean(true), false, true);
    Workload.Verdict slow = r.verdicts().stream().filter(v -> v.checker().equals("slow")).findFirst().orElseThrow();
    assertThat(slow.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(slow.summary()).contains("checker error: java.lang.IllegalStateException: a checker bug");
    assertThat(r.exitCode()).isEqualTo(3);
  }
}
