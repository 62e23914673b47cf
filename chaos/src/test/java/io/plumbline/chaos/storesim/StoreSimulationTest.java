package io.plumbline.chaos.storesim;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.store.node.ShellBug;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole-store simulation passes on the node that ships, replays a seed exactly, and catches
 * each injected node-shell bug and the reconnect back-off liveness bug within a fixed seed range.
 */
class StoreSimulationTest {
  private static final int TICKS = 1_000;

  private static StoreSimulator.Summary seeds(StoreSimOptions base, int count) {
    return StoreSimulator.runSeeds(base, 1, count, 2);
  }

  @Test
  void theNodeThatShipsPassesSeedsOneToTen() {
    StoreSimulator.Summary s = seeds(StoreSimOptions.of(1, 3, TICKS), 10);
    assertThat(s.failures()).as("failing seeds").isEmpty();
    assertThat(s.acknowledged()).isPositive();
  }

  @Test
  void oneSeedReplaysToTheSameDigest() {
    StoreSimResult a = new StoreSimulation(StoreSimOptions.of(3, 3, 400)).run();
    StoreSimResult b = new StoreSimulation(StoreSimOptions.of(3, 3, 400)).run();
    StoreSimResult c = new StoreSimulation(StoreSimOptions.of(4, 3, 400)).run();
    assertThat(a.digest()).isEqualTo(b.digest()).hasSize(32);
    assertThat(c.digest()).isNotEqualTo(a.digest());
  }

  @Test
  void ackBeforeFsyncIsCaught() {
    assertCaught(StoreSimOptions.of(1, 3, TICKS).withBugs(Set.of(ShellBug.ACK_BEFORE_FSYNC)));
  }

  @Test
  void applyBeforeCommitIsCaught() {
    assertCaught(StoreSimOptions.of(1, 3, TICKS).withBugs(Set.of(ShellBug.APPLY_BEFORE_COMMIT)));
  }

  @Test
  void losingTheLastWalRecordOnRecoveryIsCaught() {
    assertCaught(StoreSimOptions.of(1, 3, TICKS).withBugs(Set.of(ShellBug.LOSE_LAST_WAL_RECORD)));
  }

  /** The rejoin probes take a member down for long, then require it back within the bound: not by chance. */
  @Test
  void reconnectBackoffLeavingARestartedMemberLeaderlessIsCaught() {
    StoreSimulator.Summary s = seeds(StoreSimOptions.of(1, 3, TICKS).withReconnectBackoff(), 10);
    assertThat(s.failures()).as("seeds 1..10 with gRPC's reconnect back-off").hasSizeGreaterThanOrEqualTo(9);
    assertThat(s.failures()).extracting(StoreSimResult::invariant).containsOnly("RejoinLiveness");
  }

  private static void assertCaught(StoreSimOptions bugged) {
    StoreSimulator.Summary s = seeds(bugged, 10);
    assertThat(s.failures()).as("seeds 1..10 with %s", bugged.bugs()).isNotEmpty();
    assertThat(s.failures()).extracting(StoreSimResult::invariant).doesNotContain("SimulatorError");
  }
}
