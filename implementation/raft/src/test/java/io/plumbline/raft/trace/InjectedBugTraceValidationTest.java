package io.plumbline.raft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.scenario.ScenarioTraces;
import io.plumbline.spec.trace.TraceVerdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation bites: traces of cores with an injected bug are rejected at the event where
 * the bug acts, with a readable report — even where the run's own safety checks see nothing.
 * The same seeds and scenarios without the bug are valid (SimulationTraceValidationTest covers
 * seeds 1..12, ScenarioTraceValidationTest the snapshot scenarios).
 * {@code INSTALL_OLDER_SNAPSHOT} (a follower installs every snapshot, even one its log or commit
 * index already covers) is shown on golden scenarios, which pin the interleaving where it acts:
 * in stale-snapshot.txt a stale copy rolls the follower's commit index back (the run's own
 * checks see that too); in snapshot-behind-log.txt it truncates an entry past the snapshot, which
 * only trace validation sees.
 */
class InjectedBugTraceValidationTest {
  static final long SEED = 1;
  static final int TICKS = 100;

  @Test
  void bugsAreRejectedAtTheEventWhereTheyAct(@TempDir Path dir) {
    List<InjectedBug> bugs = List.of(InjectedBug.VOTE_TWICE_IN_TERM,
        InjectedBug.ACCEPT_STALE_TERM_APPEND, InjectedBug.READ_INDEX_WITHOUT_QUORUM);
    List<Path> traces = new ArrayList<>();
    for (InjectedBug bug : bugs) {
      traces.add(SimulationTraces.simulate(dir, SEED, TICKS, Set.of(bug)).trace());
    }
    Set<InjectedBug> snapshotBug = Set.of(InjectedBug.INSTALL_OLDER_SNAPSHOT);
    ScenarioTraces.Run copy = ScenarioTraces.run("stale-snapshot.txt", snapshotBug, dir);
    assertThat(copy.transcript()).contains("n3 installs snapshot@3/1")
        .contains("VIOLATION MonotonicCommit");
    traces.add(copy.trace());
    ScenarioTraces.Run behind = ScenarioTraces.run("snapshot-behind-log.txt", snapshotBug, dir);
    assertThat(behind.violated()).as("the run's own safety checks miss the truncation").isFalse();
    assertThat(behind.transcript()).contains("n3 installs snapshot@3/1");
    traces.add(behind.trace());

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

    // The stale copy: the follower's log and commit index go back to the snapshot's.
    TraceVerdict.Unexplained staleCopy = verdicts.get(3).failure();
    assertThat(staleCopy).isNotNull();
    assertThat(staleCopy.event()).isEqualTo("HandleSnapshotRequest");
    assertThat(staleCopy.reason()).contains("leads elsewhere").contains("logLen 4 vs 3");

    // The follower's log held the snapshot's entry and one more; the install drops the one more.
    TraceVerdict.Unexplained truncated = verdicts.get(4).failure();
    assertThat(truncated).isNotNull();
    assertThat(truncated.event()).isEqualTo("HandleSnapshotRequest");
    assertThat(truncated.reason()).contains("leads elsewhere").contains("logLen 4 vs 3");
  }

  /** The message term in an event summary ({@code ... {mterm=3, ...}}). */
  private static long mterm(String summary) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("mterm=(\\d+)").matcher(summary);
    assertThat(m.find()).as(summary).isTrue();
    return Long.parseLong(m.group(1));
  }
}
