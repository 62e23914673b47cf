package io.plumbline.raft.mbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The split-Ready walk on the correct core: every seed keeps the spec's invariants, every read
 * shows the writes acknowledged before it, nothing acknowledged is lost; and the walks really
 * crash between an early send and its persist, deliver what was sent, restart and read.
 */
class ModelBasedWalkTest {
  @Test
  void theCorrectCoreKeepsEveryInvariantAcrossCrashesBetweenSendAndPersist() {
    SplitReadyWalk.Stats total = new SplitReadyWalk.Stats();
    for (long seed = 1; seed <= WalkSeeds.SEEDS; seed++) {
      SplitReadyWalk.Result r = new SplitReadyWalk(WalkSeeds.options(seed, Set.of())).run();
      assertThat(r.ok()).as(r::report).isTrue();
      total.add(r.stats());
    }
    System.out.println("split-Ready walk, " + WalkSeeds.SEEDS + " seeds: " + total);
    assertThat(total.leaders).as("leaders elected").isGreaterThan(WalkSeeds.SEEDS);
    assertThat(total.crashesAfterEarlySend).as("crashes between an early send and its persist")
        .isPositive();
    assertThat(total.deliveredAfterSenderCrashed)
        .as("messages delivered after their sender crashed before persisting").isPositive();
    assertThat(total.deliveredBeforeSenderPersisted)
        .as("messages delivered before their sender persisted").isPositive();
    assertThat(total.readsCompleted).as("reads completed").isPositive();
    assertThat(total.readsAfterRestart)
        .as("reads that had to show a write acknowledged before a restart").isPositive();
  }

  @Test
  void aCoreThatGrantsAVoteBeforePersistingItIsCaught() {
    assertThat(WalkSeeds.firstFailure(Set.of(InjectedBug.VOTE_GRANTED_BEFORE_PERSIST)))
        .hasValueSatisfying(r -> System.out.println(r.report()));
  }
}
