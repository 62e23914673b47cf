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
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The runner on a three-member double whose clients answer at once: each client talks to the member
 * its history events name (a checker that blames a member, and a cut that must silence that member's
 * clients, both rest on it), and the same seed gives the same operations (replay from the seed),
 * however often the runner had to ask its generator again while it waited for an operation's time.
 */
class RunnerBindingAndReplayTest {
  /** Every operation is a write of a value drawn from the run's seeded source; clients remember their URL. */
  private static Workload workload(Map<Integer, String> urlOfProcess, int operations) {
    return new Workload() {
      @Override
      public String name() {
        return "values";
      }

      @Override
      public long minimumOkOperations() {
        return 0;
      }

      @Override
      public WorkloadClient client(int process, String clientUrl) {
        urlOfProcess.put(process, clientUrl);
        return new WorkloadClient() {
          @Override
          public Completion invoke(Invocation op) {
            return Completion.ok(op.value());
          }

          @Override
          public void close() {}
        };
      }

      @Override
      public Generator generator() {
        return Generators.limit(operations,
            Generators.repeat(ctx -> new Invocation(Invocation.ANY, "write", 0L, ctx.rng().nextLong(), 0)));
      }

      @Override
      public Generator finalGenerator(List<Integer> processes) {
        return Generators.limit(1, Generators.repeat(ctx -> new Invocation(Invocation.ANY, "read", 0L, null, 0)));
      }

      @Override
      public Verdict check(History history) {
        return new Verdict(name(), Validity.TRUE, "", "");
      }
    };
  }

  private static History run(long seed, int concurrency, double rate, int operations, Map<Integer, String> urls) {
    RunOptions options = new RunOptions(seed, concurrency, rate, Duration.ofSeconds(20), Duration.ofSeconds(1),
        Duration.ofSeconds(1));
    return new ChaosRunner(new SteadyCluster(List.of("mem://0", "mem://1", "mem://2")), workload(urls, operations), new NemesisSchedule(List.of()), options,
        () -> -1, line -> { }).run().history();
  }

  @Test
  void eachClientTalksToTheMemberItsEventsName() {
    Map<Integer, String> urls = new ConcurrentHashMap<>();
    History h = run(3, 6, 2_000, 60, urls);
    List<Op> invokes = h.events().stream().filter(e -> e.isClient() && e.type() == OpType.INVOKE).toList();
    assertThat(invokes).hasSizeGreaterThanOrEqualTo(60);
    for (Op e : invokes) {
      String member = String.valueOf(e.extra().get(Worker.MEMBER));
      assertThat(urls.get(Integer.parseInt(e.process()))).as("process %s, recorded as %s", e.process(), member)
          .isEqualTo("mem://" + member.substring(1));
    }
    assertThat(invokes.stream().map(e -> e.extra().get(Worker.MEMBER)).distinct()).hasSize(3);
  }

  /**
   * One worker, so the order is the generator's: at 50 ops/s the runner waits for each operation's
   * time and asks again many times; the values are still those the seed gives.
   */
  @Test
  void theSameSeedGivesTheSameOperations() {
    List<Object> first = values(run(11, 1, 50, 12, new ConcurrentHashMap<>()));
    List<Object> second = values(run(11, 1, 50, 12, new ConcurrentHashMap<>()));
    assertThat(first).hasSize(12).doesNotHaveDuplicates();
    assertThat(second).isEqualTo(first);
    assertThat(values(run(12, 1, 50, 12, new ConcurrentHashMap<>()))).isNotEqualTo(first);
  }

  private static List<Object> values(History h) {
    return h.events().stream().filter(e -> e.isClient() && e.type() == OpType.INVOKE).limit(12).map(Op::value)
        .toList();
  }
}
