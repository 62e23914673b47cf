package io.plumbline.raft.mbt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbline.raft.InjectedBug;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Model-based tests bite: a core with an injected bug disagrees with the spec, readably. */
class ModelBasedBugTest {

  @Test
  void aFollowerAcceptingEntriesFromAStaleTermIsCaughtWithAReadableReport() throws Exception {
    ReplayStats.Mismatch m = onlyMismatch(MbtModels.traces(), InjectedBug.ACCEPT_STALE_TERM_APPEND);
    assertTrue(m.action().startsWith("DropStaleMessage("), m.report());
    assertTrue(m.differences().stream().anyMatch(d -> d.startsWith("log[")), m.report());
    assertTrue(m.report().contains("AppendEntriesRequest"), m.report());
  }

  @Test
  void aLeaderCommittingAPreviousTermEntryByCountingReplicasIsCaught() throws Exception {
    ReplayStats.Mismatch m = onlyMismatch(oneCampaignerTraces(), InjectedBug.COMMIT_PREVIOUS_TERM_BY_COUNT);
    assertTrue(m.differences().stream().anyMatch(d -> d.startsWith("AdvanceCommitIndex(")
        && d.contains("is not enabled in the spec, but the core commits")), m.report());
  }

  @Test
  void aLeaderAcceptingAReadBeforeItsOwnTermCommitIsCaught() throws Exception {
    ReplayStats.Mismatch m = onlyMismatch(MbtModels.traces(), InjectedBug.READ_INDEX_BEFORE_OWN_TERM_COMMIT);
    assertTrue(m.differences().stream().anyMatch(d -> d.startsWith("ReadIndexRequest(")
        && d.contains("is not enabled in the spec")), m.report());
  }

  /** Replays {@code traces} on cores with {@code bug}: exactly one behaviour disagrees; its report is printed. */
  private static ReplayStats.Mismatch onlyMismatch(List<Path> traces, InjectedBug bug) throws Exception {
    TraceReplay.Result r = TraceReplay.run(traces, Set.of(bug), 1, s -> {});
    assertEquals(1, r.stats().mismatches.size(), "the bug is caught");
    ReplayStats.Mismatch m = r.stats().mismatches.get(0);
    System.out.println(m.report());
    return m;
  }

  /**
   * Random behaviours where one fixed server campaigns: they reach a leader of term 2 replicating
   * a term-1 entry (where the bug commits by counting) far more often than the CI model's.
   */
  private static List<Path> oneCampaignerTraces() throws Exception {
    return MbtModels.traces(MbtModels.ONE_CAMPAIGNER_CONFIG, 1000, 40, 1);
  }

  @Test
  void theSameBehavioursPassOnTheCorrectCore() throws Exception {
    for (List<Path> traces : List.of(MbtModels.traces(), oneCampaignerTraces())) {
      TraceReplay.Result r = TraceReplay.run(traces, Set.of(), 1, s -> {});
      assertFalse(r.stats().mismatches.stream().findAny().isPresent(),
          () -> r.stats().mismatches.get(0).report());
      assertEquals(traces.size(), r.tracesPassed());
      assertTrue(r.stats().readProbes > 0,
          "VACUOUS: no leader was asked for a read before its own-term commit (ReadProbe)");
    }
  }
}
