package io.plumbline.chaos.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
  private static final long MS = 1_000_000;

  /** A tiny deterministic interpreter: every op completes at once; time jumps to the op's time. */
  static List<Invocation> drain(Generator gen, int processes, long seed, int max) {
    RandomGenerator rng = new SplittableRandom(seed);
    TreeSet<Integer> free = new TreeSet<>();
    for (int p = 0; p < processes; p++) {
      free.add(p);
    }
    List<Invocation> out = new ArrayList<>();
    long now = 0;
    Generator g = gen;
    while (out.size() < max) {
      Generator.Step s = g.next(new Context(now, free, rng));
      if (s == null) {
        break;
      }
      g = s.rest();
      if (s.pending()) {
        now += MS;
        continue;
      }
      Invocation op = s.op().process() == Invocation.ANY ? s.op().on(free.first()) : s.op();
      now = Math.max(now, op.timeNanos());
      out.add(op.at(now));
    }
    return out;
  }

  static Generator reads() {
    return Generators.repeat(ctx -> new Invocation(Invocation.ANY, "read", (long) ctx.rng().nextInt(3), null, 0));
  }

  static Generator writes() {
    return Generators.repeat(ctx -> new Invocation(Invocation.ANY, "write", (long) ctx.rng().nextInt(3), 1L, 0));
  }

  @Test
  void limitStopsAfterNOperations() {
    assertThat(drain(Generators.limit(7, reads()), 2, 1, 100)).hasSize(7);
  }

  @Test
  void mixDrawsFromEveryGeneratorAndEndsWhenAllEnd() {
    List<Invocation> ops = drain(Generators.mix(List.of(Generators.limit(5, reads()), Generators.limit(3, writes()))),
        2, 3, 100);
    assertThat(ops).hasSize(8);
    assertThat(ops.stream().filter(o -> o.f().equals("write"))).hasSize(3);
  }

  @Test
  void rateSpacesOperationsToAboutTheRequestedRate() {
    List<Invocation> ops = drain(Generators.rate(100, Generators.limit(1000, reads())), 4, 5, 2000);
    double seconds = ops.get(ops.size() - 1).timeNanos() / 1e9;
    assertThat(1000 / seconds).isBetween(80.0, 125.0);
    for (int i = 1; i < ops.size(); i++) {
      assertThat(ops.get(i).timeNanos()).isGreaterThanOrEqualTo(ops.get(i - 1).timeNanos());
    }
  }

  @Test
  void timeLimitEndsTheGeneratorAtItsDeadline() {
    List<Invocation> ops = drain(Generators.timeLimit(1_000 * MS, Generators.rate(50, reads())), 2, 9, 10_000);
    assertThat(ops).isNotEmpty().allMatch(o -> o.timeNanos() < 1_000 * MS);
    assertThat(ops.size()).isBetween(30, 75);
  }

  @Test
  void thenRunsPhasesInOrder() {
    List<Invocation> ops = drain(Generators.then(List.of(Generators.limit(2, reads()), Generators.limit(2, writes()))),
        1, 1, 10);
    assertThat(ops).extracting(Invocation::f).containsExactly("read", "read", "write", "write");
  }

  @Test
  void onProcessesRestrictsWhoRunsTheOperations() {
    List<Invocation> ops = drain(Generators.onProcesses(Set.of(3), Generators.limit(4, reads())), 5, 1, 10);
    assertThat(ops).hasSize(4).allMatch(o -> o.process() == 3);
  }

  @Test
  void eachProcessGivesEveryProcessItsOwnCopy() {
    List<Invocation> ops = drain(Generators.eachProcess(Set.of(0, 1, 2),
        p -> Generators.once(new Invocation(Invocation.ANY, "final-read", (long) p, null, 0))), 3, 1, 10);
    assertThat(ops).extracting(Invocation::process).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(ops).allMatch(o -> o.key().equals((long) o.process()));
  }

  @Test
  void theSameSeedGivesTheSameOperations() {
    Generator g = Generators.rate(200, Generators.limit(50, Generators.mix(List.of(reads(), writes()))));
    assertThat(drain(g, 3, 42, 100)).isEqualTo(drain(g, 3, 42, 100));
    assertThat(drain(g, 3, 42, 100)).isNotEqualTo(drain(g, 3, 43, 100));
  }

  @Test
  void noFreeProcessMeansPending() {
    Generator.Step s = reads().next(new Context(0, new TreeSet<>(), new SplittableRandom(1)));
    assertThat(s.pending()).isTrue();
  }

  /**
   * A time limit counts from its first use, not from the run's origin: the final rounds after the
   * heal and the run-on phase use one that starts late, and must still run for their whole limit.
   */
  @Test
  void timeLimitCountsFromItsFirstUse() {
    Generator late = Generators.timeLimit(1_000 * MS, reads());
    Generator.Step s = late.next(new Context(5_000 * MS, new TreeSet<>(Set.of(0)), new SplittableRandom(1)));
    assertThat(s).as("first asked at 5 s, a 1 s limit still has its whole second").isNotNull();
    assertThat(s.op()).isNotNull();
    assertThat(s.rest().next(new Context(5_900 * MS, new TreeSet<>(Set.of(0)), new SplittableRandom(1)))).isNotNull();
    assertThat(s.rest().next(new Context(6_000 * MS, new TreeSet<>(Set.of(0)), new SplittableRandom(1)))).isNull();
  }

  /** Mixing endless generators interleaves them: each is drawn within the first few operations, not after the others end. */
  @Test
  void mixOfEndlessGeneratorsDrawsEachOfThem() {
    List<Invocation> ops = drain(Generators.mix(List.of(reads(), writes())), 2, 3, 20);
    assertThat(ops).hasSize(20);
    assertThat(ops.stream().map(Invocation::f).distinct()).containsExactlyInAnyOrder("read", "write");
  }
}
