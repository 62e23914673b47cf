package io.plumbline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulator with Readys held out ({@link SimOptions#withReadyOut()}): hosts step their cores
 * between {@code ready()} and {@code advance()} (messages, ticks, proposals, reads, snapshots),
 * persist exactly what each Ready said, crash with a Ready out or at its persist step. The correct
 * core keeps every invariant and the window is really hit; every injected bug of the Ready,
 * {@code advance} and persistence is caught within the catalogue's seeds; a seed that runs away
 * fails on its work budget with its counts.
 */
class ReadyOutSimulationTest {
  /**
   * The catalogue's Ready-out seeds: 1..SEEDS of TICKS ticks on 3 members (its control runs them
   * all on the correct core; this test runs the first 10, and 3 on 5 members, for what they hit).
   */
  static final int SEEDS = 20;
  static final int TICKS = 3000;

  @Test
  void theCorrectCoreKeepsEveryInvariantWithReadysHeldOut() {
    ReadyOutHost.Stats total = new ReadyOutHost.Stats();
    for (int nodes : new int[] {3, 5}) {
      for (long seed = 1; seed <= (nodes == 3 ? 10 : 3); seed++) {
        SimOptions o = SimOptions.of(seed, nodes, TICKS).withReadyOut();
        Simulation sim = new Simulation(o);
        SimResult r = sim.run();
        assertThat(r.ok()).as("seed %d: %s %s (replay: %s)", seed, r.invariant(), r.detail(),
            o.replay()).isTrue();
        total.add(sim.readyOutStats());
      }
    }
    System.out.println("Ready-out simulation, seeds 1..10 (3 members) and 1..3 (5): "
        + total);
    assertThat(total.stepsWithReadyOut).as("steps taken with a Ready out").isGreaterThan(10_000);
    assertThat(total.clientRequestsWithReadyOut).as("proposals and reads with a Ready out")
        .isPositive();
    assertThat(total.snapshotsWithReadyOut).as("snapshots stepped with a Ready out").isPositive();
    assertThat(total.snapshotsHeld).as("held Readys installing a snapshot").isPositive();
    assertThat(total.sentEarly).as("held Readys sent before persisting").isPositive();
    assertThat(total.crashesWithReadyOut).as("crashes with a Ready out").isPositive();
    assertThat(total.crashesAtPersist).as("crashes at the persist step of a held Ready")
        .isPositive();
  }

  @Test
  void theSameSeedReplaysExactly() {
    SimOptions o = SimOptions.of(3, 3, 1500).withReadyOut();
    SimResult a = new Simulation(o).run();
    SimResult b = new Simulation(o).run();
    assertThat(a.ok()).isTrue();
    assertThat(a.digest()).isEqualTo(b.digest());
    assertThat(a.digest()).isNotEqualTo(new Simulation(SimOptions.of(3, 3, 1500)).run().digest());
  }

  /**
   * Every injected bug of the Ready, {@code advance}, persistence and restart is caught within the
   * catalogue's seeds (the three after the first three are edits only this check catches, from the
   * hunt in implementation/README.md); the ones only hand-written checks caught before are the
   * first three and
   * {@code NEWER_SNAPSHOT_MARKED_STABLE}, {@code APPLIED_TO_COMMIT_INDEX},
   * {@code SNAPSHOT_NOT_MARKED_APPLIED}, {@code SNAPSHOT_OVER_MATCHING_LOG}.
   * {@code RESTORE_KEEPS_UNSTABLE_TAIL} is not reached (implementation/README.md, "Ready-out").
   */
  @ParameterizedTest
  @EnumSource(names = {"ADVANCE_RECORDS_CURRENT_HARD_STATE", "STABLE_TO_LAST_INDEX",
      "NEWER_SNAPSHOT_MARKED_STABLE", "STABLE_WITH_CURRENT_LAST_TERM", "SNAPSHOT_READY_NOT_APPLIED",
      "SNAPSHOT_APPLIED_TO_COMMIT", "APPLIED_TO_COMMIT_INDEX",
      "SNAPSHOT_NOT_MARKED_APPLIED", "SNAPSHOT_OVER_MATCHING_LOG", "HARD_STATE_NOT_SYNCED",
      "VOTE_GRANTED_BEFORE_PERSIST", "APPEND_ACKED_BEFORE_PERSIST", "RESTART_FORGETS_VOTE",
      "RESTART_FORGETS_TERM", "RESTART_APPLIED_TO_COMMIT", "APPLY_UNCOMMITTED_ENTRIES"})
  void everyReadyAdvanceAndPersistenceBugIsCaught(InjectedBug bug) {
    String caught = SimulationRunner.firstFailure(
        SimOptions.of(1, 3, TICKS).withReadyOut().withBugs(Set.of(bug)), SEEDS);
    System.out.println(bug + ": " + caught);
    assertThat(caught).as("%s in Ready-out seeds 1..%d", bug, SEEDS).isNotNull();
  }

  /**
   * A core that hands the same entries out again and again fails on the seed's work budget, with
   * the seed and the runaway counted, instead of running for minutes (the budget counts work, not
   * time).
   */
  @Test
  void aSeedThatRunsAwayFailsOnItsWorkBudget() {
    // Seed 5 is the first of the catalogue's simulation seeds that runs away with this bug.
    SimResult r = new Simulation(SimOptions.of(5, 3, TICKS)
        .withBugs(Set.of(InjectedBug.STABLE_TO_FIRST_ENTRY))).run();
    System.out.println("STABLE_TO_FIRST_ENTRY, seed 5: " + r.invariant() + " at tick "
        + r.failedAtTick() + ": " + r.detail());
    assertThat(r.invariant()).isEqualTo("WorkBudget");
    assertThat(r.detail()).contains("ran away");
    assertThat(new Simulation(SimOptions.of(5, 3, TICKS)).run().ok()).as("seed 5 without the bug")
        .isTrue();
  }
}
