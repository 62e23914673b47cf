package io.plumbline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The random simulation catches a vote granted twice in a term and a ReadIndex served without a
 * quorum round within a bounded number of seeds, with a readable report naming the invariant;
 * the same seed passes on the correct core.
 */
class InjectedBugSimulationTest {
  private static final int TICKS = 3000;

  /** The first seed in 1..maxSeeds whose run with {@code bug} fails. */
  private static SimResult firstCatch(InjectedBug bug, int nodes, int maxSeeds) {
    for (long seed = 1; seed <= maxSeeds; seed++) {
      SimResult r = new Simulation(SimOptions.of(seed, nodes, TICKS).withBugs(Set.of(bug))).run();
      if (!r.ok()) {
        System.out.printf("%s caught by seed %d at tick %d: %s%n", bug, seed, r.failedAtTick(),
            r.detail());
        return r;
      }
    }
    throw new AssertionError(bug + " not caught in " + maxSeeds + " seeds");
  }

  private static void assertCorrectCorePasses(SimResult caught, int nodes) {
    assertThat(new Simulation(SimOptions.of(caught.seed(), nodes, TICKS)).run().ok())
        .as("seed %d without the bug", caught.seed()).isTrue();
  }

  @Test
  void voteGrantedTwiceInATermIsCaught() {
    SimResult r = firstCatch(InjectedBug.VOTE_TWICE_IN_TERM, 3, 20);
    assertThat(r.invariant()).isIn("SingleVotePerTerm", "ElectionSafety");
    assertThat(r.detail()).contains("term");
    assertCorrectCorePasses(r, 3);
  }

  /**
   * A stale append needs a straggler from a deposed leader that conflicts with an entry the new
   * leader committed: rare. A search of seeds 1..200 (5 members, 3000 ticks; README) found
   * seeds 70 and 123; if the simulator's use of randomness changes, search again.
   *
   * <p>The seeds are a fingerprint of the core's behaviour: nearly any change of what the core
   * decides (a timer, a flow-control step, who answers when) moves the straggler away and the
   * seed stops reproducing, without any rule being broken. So the test first runs each seed on the
   * correct core, where a failure is a real safety violation, and then says which of the two it is
   * when the bug's run passes: the seed stopped reproducing, not "the stale append is safe". The
   * rules such edits break are stated by {@code RaftCoreRulesTest} and the handler tests.
   */
  @Test
  void followerAcceptingStaleTermAppendIsCaughtOnKnownSeeds() {
    for (long seed : new long[] {70, 123}) {
      SimResult correct = new Simulation(SimOptions.of(seed, 5, TICKS)).run();
      assertThat(correct.ok())
          .as("seed %d (5 members) on the correct core, no bug injected: %s fails at tick %d: %s",
              seed, correct.invariant(), correct.failedAtTick(), correct.detail())
          .isTrue();
      SimResult r = new Simulation(SimOptions.of(seed, 5, TICKS)
          .withBugs(Set.of(InjectedBug.ACCEPT_STALE_TERM_APPEND))).run();
      assertThat(r.ok())
          .as("seed %d no longer reproduces ACCEPT_STALE_TERM_APPEND: with the bug it now passes every"
              + " invariant (run digest %s). The correct core passes this seed too, so no safety"
              + " invariant failed: the simulated behaviour changed (the core or the simulator decides"
              + " something differently, and the rare straggler of a deposed leader no longer meets a"
              + " committed entry). If that change is intended, search 5-member seeds again (Javadoc)"
              + " and pin new ones; if it is not, it changed behaviour that no rule test states",
              seed, r.digest())
          .isFalse();
      assertThat(r.invariant())
          .as("seed %d with ACCEPT_STALE_TERM_APPEND failed, but not on a log safety invariant: %s",
              seed, r.detail())
          .isIn("StateMachineSafety", "CommittedIsDurable", "LeaderCompleteness", "CoreAssertion");
    }
  }

  @Test
  void readIndexWithoutQuorumRoundIsCaught() {
    SimResult r = firstCatch(InjectedBug.READ_INDEX_WITHOUT_QUORUM, 3, 100);
    assertThat(r.invariant()).isEqualTo("ReadIndexLinearizable");
    assertThat(r.detail()).contains("committed before the read began");
    assertCorrectCorePasses(r, 3);
  }
}
