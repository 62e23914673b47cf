package io.plumbline.raft.mbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Model-based tests with crash/restart: random behaviours of the CI model with spec {@code
 * Restart} replay on cores whose disks keep only what a Ready asked to sync ({@code SimDisk}); a
 * restarted core recovers from that disk alone. The correct core agrees with the spec on every
 * step and restarts really happen; cores that forget their vote or term on restart, or do not
 * sync a changed hard state, disagree at the step after the restart.
 */
class ModelBasedRestartTest {
  static List<Path> traces() throws Exception {
    return MbtModels.restartTraces(1000, 40, 1);
  }

  @Test
  void behavioursWithRestartsReplayOnTheCorrectCore() throws Exception {
    TraceReplay.Result r = TraceReplay.run(traces(), Set.of(), 5, System.out::println);
    System.out.println("MBT with restarts: " + r.tracesPassed() + "/" + r.traces() + " traces, "
        + r.stats().steps + " steps, actions " + r.stats().actions);
    assertThat(r.stats().mismatches).as(() -> r.stats().mismatches.get(0).report()).isEmpty();
    assertThat(r.tracesPassed()).isEqualTo(r.traces());
    assertThat(r.stats().actions.getOrDefault("Restart", 0L).longValue())
        .as("restarts replayed (else the test is vacuous)").isGreaterThan(50);
  }

  @Test
  void durabilityBugsAreCaughtAfterARestart() throws Exception {
    for (InjectedBug bug : List.of(InjectedBug.RESTART_FORGETS_VOTE,
        InjectedBug.RESTART_FORGETS_TERM, InjectedBug.HARD_STATE_NOT_SYNCED)) {
      TraceReplay.Result r = TraceReplay.run(traces(), Set.of(bug), 1, s -> {});
      assertThat(r.stats().mismatches).as(bug + " caught").hasSize(1);
      ReplayStats.Mismatch m = r.stats().mismatches.get(0);
      System.out.println(bug + ": " + m.report());
    }
  }
}
