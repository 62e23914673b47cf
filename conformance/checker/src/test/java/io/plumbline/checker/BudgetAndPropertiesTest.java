package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import io.plumbline.history.SyntheticHistories;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Budgets give unknown with a reason; generated histories behave as they must. */
class BudgetAndPropertiesTest {

  @Test
  void aHistoryTooHardForTheMemoryBudgetIsUnknownWithTheReason() {
    CheckResult r = LinearizabilityChecker.check(SyntheticHistories.hardRegister(40), Models.create("register", null),
        new Budget(Duration.ofMinutes(5), 1 << 20));
    assertThat(r.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(r.reason()).startsWith("memory budget exceeded");
  }

  @Test
  void aCheckThatRunsOutOfStackOrHeapIsUnknownNeverInvalid() {
    for (Error e : List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"))) {
      Model<Object> breaks = new Model<>() {
        @Override
        public String name() {
          return "register";
        }

        @Override
        public Object initialState() {
          return "s";
        }

        @Override
        public Object step(Object state, io.plumbline.history.Operation op) {
          throw e;
        }

        @Override
        public String explain(Object state, io.plumbline.history.Operation op) {
          return "";
        }
      };
      CheckResult r = LinearizabilityChecker.check(SyntheticHistories.hardRegister(4), breaks,
          new Budget(Duration.ofMinutes(1), Long.MAX_VALUE));
      assertThat(r.validity()).isEqualTo(Validity.UNKNOWN);
      assertThat(r.reason()).startsWith("checker error: " + e.getClass().getName());
    }
  }

  @Test
  void aHistoryTooHardForTheTimeBudgetIsUnknownWithTheReason() {
    CheckResult r = LinearizabilityChecker.check(SyntheticHistories.hardRegister(40), Models.create("register", null),
        new Budget(Duration.ofMillis(300), Long.MAX_VALUE));
    assertThat(r.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(r.reason()).startsWith("timeout after");
  }

  @Test
  void theHardHistoryIsInvalidWhenSmallEnoughToFinish() {
    CheckResult r = LinearizabilityChecker.check(SyntheticHistories.hardRegister(10), Models.create("register", null),
        Budget.defaults());
    assertThat(r.validity()).isEqualTo(Validity.FALSE);
    assertThat(r.failure().operation().f()).isEqualTo("read");
  }

  /** Histories from a real sequential store with random overlaps and crashes are linearizable. */
  @Test
  void generatedHistoriesAreLinearizable() {
    for (long seed = 0; seed < 40; seed++) {
      History h = SyntheticHistories.kv(seed, 300, 1 + (int) (seed % 8), 1 + (int) (seed % 5), (int) (seed % 20));
      CheckResult r = LinearizabilityChecker.check(h, Models.create("kv", null), Budget.defaults());
      assertThat(r.validity()).as("seed %d: %s", seed, r.reason()).isEqualTo(Validity.TRUE);
    }
  }

  /**
   * ... and one read changed to a value no operation ever wrote makes them not linearizable. (Few
   * crashes here: proving a history invalid must try every subset of the crashed writes that may
   * or may not have happened, exponential in how many are pending at once.)
   */
  @Test
  void aReadOfAnImpossibleValueIsCaught() {
    for (long seed = 0; seed < 40; seed++) {
      History h = SyntheticHistories.kv(seed, 300, 1 + (int) (seed % 8), 1 + (int) (seed % 5), (int) (seed % 3));
      History bad = mutateOneRead(h, new SplittableRandom(seed));
      CheckResult r = LinearizabilityChecker.check(bad, Models.create("kv", null), Budget.defaults());
      assertThat(r.validity()).as("seed %d", seed).isEqualTo(Validity.FALSE);
      assertThat(r.failure().operation().output()).isEqualTo("impossible");
    }
  }

  /** Partitions are searched in turn below {@link LinearizabilityChecker#PARALLEL_MIN_OPERATIONS}, in parallel above: same verdicts. */
  @Test
  void partitionsSearchedInTurnOrInParallelGiveTheSameVerdicts() {
    for (int operations : new int[] {LinearizabilityChecker.PARALLEL_MIN_OPERATIONS / 2, LinearizabilityChecker.PARALLEL_MIN_OPERATIONS * 2}) {
      for (long seed = 0; seed < 5; seed++) {
        History h = SyntheticHistories.kv(seed, operations, 6, 4, 1);
        CheckResult good = LinearizabilityChecker.check(h, Models.create("kv", null), Budget.defaults());
        assertThat(good.validity()).as("%d ops, seed %d: %s", operations, seed, good.reason()).isEqualTo(Validity.TRUE);
        assertThat(good.partitions()).isEqualTo(4);
        CheckResult bad = LinearizabilityChecker.check(mutateOneRead(h, new SplittableRandom(seed)), Models.create("kv", null),
            Budget.defaults());
        assertThat(bad.validity()).as("%d ops, seed %d", operations, seed).isEqualTo(Validity.FALSE);
        assertThat(bad.failure().operation().output()).isEqualTo("impossible");
      }
    }
  }

  private static History mutateOneRead(History h, SplittableRandom rnd) {
    List<Integer> reads = new ArrayList<>();
    for (Op e : h.events()) {
      if (e.type() == OpType.OK && e.f().equals("get")) {
        reads.add(e.index());
      }
    }
    int victim = reads.get(rnd.nextInt(reads.size()));
    List<Op> events = new ArrayList<>(h.events());
    Op e = events.get(victim);
    events.set(victim, new Op(e.index(), e.process(), e.type(), e.f(), "impossible", e.key(), e.timeNanos(), null, e.extra()));
    return new History(h.source(), events);
  }

  /**
   * The memo stores each linearized set as the window between its all-linearized and its
   * not-yet-reached operations: a long history with few operations in flight needs memory in
   * proportion to its length. Storing whole bitsets, these 50,000 operations needed 50,000
   * entries of 782 words (about 300 MiB; at 300,000 operations the array size overflowed).
   */
  @Test
  void aLongSequentialHistoryFitsASmallMemoryBudget() {
    List<Op> events = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String p = Integer.toString(i % 5);
      events.add(Op.of(0, p, OpType.INVOKE, "write", (long) i));
      events.add(Op.of(0, p, OpType.OK, "write", (long) i));
    }
    events.add(Op.of(0, "9", OpType.INVOKE, "read", null));
    events.add(Op.of(0, "9", OpType.OK, "read", 49_999L));
    CheckResult r = LinearizabilityChecker.check(new History("sequential", events), Models.create("register", null),
        new Budget(Duration.ofMinutes(5), 16L << 20));
    assertThat(r.validity()).as(r.reason()).isEqualTo(Validity.TRUE);
  }

  @Test
  void tenThousandOperationsOverOneHundredKeysAreChecked() {
    History h = SyntheticHistories.kv(1, 10_000, 10, 100, 2);
    CheckResult r = LinearizabilityChecker.check(h, Models.create("kv", null), Budget.defaults());
    assertThat(r.validity()).isEqualTo(Validity.TRUE);
    assertThat(r.partitions()).isEqualTo(100);
    assertThat(h.operations()).hasSize(10_000);
  }

  @Test
  void aFailureNamesTheOperationThePrefixAndWhyEachCandidateFails() throws Exception {
    java.nio.file.Path file = ManifestVerdictsTest.historiesRoot().resolve("knossos/cas-register/bad/bad-analysis.edn");
    History h = io.plumbline.history.HistoryReader.read(file);
    CheckResult r = LinearizabilityChecker.check(h, Models.create("cas-register", 0L), Budget.defaults());
    assertThat(r.validity()).isEqualTo(Validity.FALSE);
    Failure f = r.failure();
    // the prefix reaches the read of 0; then the two concurrent reads of 3 and 2 cannot both happen
    assertThat(f.operation().f()).isEqualTo("read");
    assertThat(f.operation().output()).isIn(2L, 3L);
    assertThat(f.prefix()).isNotEmpty();
    assertThat(f.concurrent()).contains(f.operation());
    assertThat(f.attempts()).hasSameSizeAs(f.concurrent());
    assertThat(String.join("\n", f.attempts())).contains("can't read");
    String html = io.plumbline.checker.report.HtmlTimeline.render(r);
    assertThat(html).contains("could not be linearized").contains("process " + f.operation().process())
        .contains("can&#39;t read");
  }
}
