package io.plumbline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.scenario.ScenarioViolations;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The simulator's LeaderCompleteness is the spec's ({@code EtcdRaft.tla}: every entry committed in
 * term T is in the log of every leader of a term {@code >= T}; a stale leader of an older term may
 * lack it). Checking every new leader against everything committed so far failed the correct core.
 */
class LeaderCompletenessByTermTest {

  /**
   * Ready-out seed 200 on 5 members: n3 wins term 15 and its host holds that Ready out; meanwhile
   * n4 wins term 16 (n1, n2, n5 vote) and commits its entry 335; n3's Ready is finished only then,
   * so the checker first sees n3 lead (term 15, its own 335) after term 16 committed 335. Raft
   * allows it: n3 can never commit anything, since a quorum is at term 16.
   */
  @Test
  void aLeaderOfAnOlderTermNeedNotHoldWhatANewerTermCommitted() {
    SimOptions o = SimOptions.of(200, 5, 3000).withReadyOut();
    SimResult r = new Simulation(o).run();
    assertThat(r.ok()).as("%s %s (replay: %s)", r.invariant(), r.detail(), o.replay()).isTrue();
  }

  /** The check still binds a leader of the committing term or later (Raft Figure 8). */
  @Test
  void aLeaderOfALaterTermMustHoldIt() {
    assertThat(ScenarioViolations.firstViolation("figure8.txt",
        Set.of(InjectedBug.COMMIT_PREVIOUS_TERM_BY_COUNT)))
        .hasValueSatisfying(v -> assertThat(v).contains("LeaderCompleteness"));
  }
}
