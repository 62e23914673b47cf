package io.plumbline.raft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import io.plumbline.spec.trace.TraceVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation bites: traces of cores with an injected bug are rejected at the event where
 * the bug acts, with a readable report — even where the run's own safety checks see nothing yet.
 * The same seeds without the bug are valid (SimulationTraceValidationTest covers seeds 1..20).
 * {@code INSTALL_OLDER_SNAPSHOT} (a follower installs a snapshot it already holds) is rejected at
 * the HandleSnapshotRequest where it truncates the log; the simulation of that seed passes its own
 * safety checks.
 */
class InjectedBugTraceValidationTest {
  static final long SEED = 1;
  static final int TICKS = 100;
  /**
   * Seed 1 sends no snapshot in 100 ticks; seed 6 sends one to a follower whose log already
   * holds the snapshot's last entry (and two more), which a correct core keeps.
   */
  static final long SNAPSHOT_SEED = 6;

  @Test
  void bugsAreRejectedAtTheEventWhereTheyAct(@TempDir Path dir) {
    List<InjectedBug> bugs = List.of(InjectedBug.VOTE_TWICE_IN_TERM,
        InjectedBug.ACCEPT_STALE_TERM_APPEND, InjectedBug.READ_INDEX_WITHOUT_QUORUM);
    List<Path> traces = new ArrayList<>();
    for (InjectedBug bug : bugs) {
      traces.add(SimulationTraces.simulate(dir, SEED, TICKS, Set.of(bug)).trace());
    }
    SimulationTraces.Run snap = SimulationTraces.simulate(dir, SNAPSHOT_SEED, TICKS,
        Set.of(InjectedBug.INSTALL_OLDER_SNAPSHOT));
    assertThat(snap.result().ok()).as("the run's own safety checks miss the snapshot bug").isTrue();
    traces.add(snap.trace());

    List<TraceVerdict> verdicts = SimulationTraces.validate(traces);
    verdicts.forEach(v -> System.out.println(v.file().getFileName() + ": " + v.failure()));

    TraceVerdict.Unexplained vote = verdicts.get(0).failure();
    assertThat(vote).isNotNull();
    assertThat(vote.event()).isEqualTo("HandleRequestVoteRequest");
    assertThat(vote.reason()).contains("spec vs trace: votedFor");

    TraceVerdict.Unexplained stale = verdicts.get(1).failure();
    assertThat(stale).isNotNull();
    assertThat(stale.event()).isEqualTo("HandleAppendEntriesRequest");
    assertThat(stale.reason()).contains("is not enabled");
    assertThat(stale.before().currentTerm()).isGreaterThan(mterm(stale.summary()));

    TraceVerdict.Unexplained read = verdicts.get(2).failure();
    assertThat(read).isNotNull();
    assertThat(read.event()).isEqualTo("ReadIndexComplete");
    assertThat(read.reason()).contains("is not enabled");

    // The follower replaces its log by the snapshot although the log already holds its entry.
    TraceVerdict.Unexplained snapshot = verdicts.get(3).failure();
    assertThat(snapshot).isNotNull();
    assertThat(snapshot.event()).isEqualTo("HandleSnapshotRequest");
    assertThat(snapshot.reason()).contains("leads elsewhere").contains("logLen");
  }

  /** The message term in an event summary ({@code ... {mterm=3, ...}}). */
  private static long mterm(String summary) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("mterm=(\\d+)").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    return Long.parseLong(m.group(1));
  }
}
