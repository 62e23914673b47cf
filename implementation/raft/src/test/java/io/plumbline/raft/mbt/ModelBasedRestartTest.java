package io.plumbline.raft.mbt;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Model-based tests with crash/restart: random behaviours of the CI bounds with spec {@code
 * Restart} (competing campaigners, crashes at any time) replay on cores whose disks keep only what
 * a Ready asked to sync ({@code SimDisk}); a restarted core recovers from that disk alone. The
 * correct core agrees with the spec on every step and the actions really happen; cores that
 * forget their vote or term on restart, or do not sync a changed hard state, disagree at the
 * restart. A core that applies uncommitted entries is seen only in a read's answer: in {@link
 * ModelBasedMixTest}'s behaviours (reads across restarts), not in these.
 */
class ModelBasedRestartTest {
  /**
   * Restart behaviours without the persist/send split (with competing campaigners): {@link
   * ModelBasedSplitTest}'s crash behaviours also restart cores from their disks, state by state,
   * and catch the restart bugs.
   */
  static final int RESTART_TRACES = 250;

  static List<Path> restartTraces() throws Exception {
    return MbtModels.restartTraces(RESTART_TRACES, 40, 1);
  }

  private static ReplayStats replaysWithoutMismatch(List<Path> traces, List<String> mustHappen,
      long atLeast) {
    TraceReplay.Result r = TraceReplay.run(traces, Set.of(), 5, s -> {});
    System.out.println("MBT: " + r.tracesPassed() + "/" + r.traces() + " traces, "
        + r.stats().steps + " steps, " + r.stats().readsAnswered + " reads answered, actions "
        + r.stats().actions);
    assertThat(r.stats().mismatches).as(() -> r.stats().mismatches.get(0).report()).isEmpty();
    assertThat(r.tracesPassed()).isEqualTo(r.traces());
    for (String action : mustHappen) {
      assertThat(r.stats().actions.getOrDefault(action, 0L).longValue())
          .as(action + " replayed (else the test is vacuous)").isGreaterThanOrEqualTo(atLeast);
    }
    return r.stats();
  }

  @Test
  void behavioursWithRestartsReplayOnTheCorrectCore() throws Exception {
    replaysWithoutMismatch(restartTraces(), List.of("Restart", "HandleRequestVoteRequest",
        "UpdateTerm"), 20);
  }

  @Test
  void applyingUncommittedEntriesIsCaughtByAReadAnswerOnly() throws Exception {
    // The core hands uncommitted entries to its application: no spec variable shows it, so
    // behaviours whose reads nobody answers (restarts, the persist/send split without reads)
    // replay clean; a read answered from that application returns an entry the spec has not
    // committed (the reads across restarts here; ModelBasedSplitTest's split reads too).
    Set<InjectedBug> bug = Set.of(InjectedBug.APPLY_UNCOMMITTED_ENTRIES);
    assertThat(TraceReplay.run(restartTraces(), bug, 1, s -> {}).stats().mismatches)
        .as("restart behaviours answer no read: nothing to see").isEmpty();
    assertThat(TraceReplay.run(ModelBasedSplitTest.noCrashTraces(), bug, 1, s -> {}, true)
        .stats().mismatches).as("split behaviours answer no read: nothing to see").isEmpty();
    TraceReplay.Result r = TraceReplay.run(ModelBasedMixTest.traces(), bug, 1, s -> {});
    assertThat(r.stats().mismatches).as("APPLY_UNCOMMITTED_ENTRIES caught").hasSize(1);
    ReplayStats.Mismatch m = r.stats().mismatches.get(0);
    System.out.println("APPLY_UNCOMMITTED_ENTRIES: " + m.report());
    assertThat(m.action()).startsWith("ReadIndexComplete(");
    assertThat(String.join("; ", m.differences())).contains("is not committed in the spec");
  }

  @Test
  void durabilityBugsAreCaught() throws Exception {
    for (InjectedBug bug : List.of(InjectedBug.RESTART_FORGETS_VOTE,
        InjectedBug.RESTART_FORGETS_TERM, InjectedBug.HARD_STATE_NOT_SYNCED)) {
      TraceReplay.Result r = TraceReplay.run(restartTraces(), Set.of(bug), 1, s -> {});
      assertThat(r.stats().mismatches).as(bug + " caught").hasSize(1);
      System.out.println(bug + ": " + r.stats().mismatches.get(0).report());
    }
  }
}
