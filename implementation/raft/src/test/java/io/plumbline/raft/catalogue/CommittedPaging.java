package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Committed entries paged over several Readys (Ready contract, step 3: apply committed entries in
 * order, each once): a one-member core whose {@code maxCommittedSizePerReady} is one byte commits
 * four entries before its Ready loop runs, hands them out one per Ready, and the loop must apply
 * 1, 2, 3, 4 with no gap. Every
 * other test runs with etcd's 64 MiB bound, which no test's entries reach, so paging is checked
 * here directly.
 */
final class CommittedPaging {
  private static final int PROPOSALS = 3;

  private CommittedPaging() {}

  /** What the check objects to on a core with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = new MemoryStorage();
    RaftConfig config = new RaftConfig("n1", List.of("n1"), 10, 1, 256, 1 << 20, 1, true, true, bugs);
    RaftCore core = RaftCore.restart(config, disk, new SplitMixRandom(1), TraceSink.NONE);
    List<Long> applied = new ArrayList<>();
    MemoryReadyHandler handler = new MemoryReadyHandler(disk, m -> { }, e -> applied.add(e.index()),
        r -> { });
    core.campaign(); // a single member leads at once and commits its empty entry
    for (int i = 0; i < PROPOSALS; i++) {
      core.propose(new byte[] {(byte) i}); // committed at once too: four entries await the Ready loop
    }
    ReadyLoop.drain(core, handler);
    List<Long> expected = LongStream.rangeClosed(1, PROPOSALS + 1).boxed().toList();
    if (!applied.equals(expected)) {
      // No brackets: the catalogue table keeps a report up to its first " [".
      return Optional.of("with one committed entry per Ready the loop applied indexes "
          + applied.stream().map(String::valueOf).collect(Collectors.joining(",")) + ", not 1.."
          + expected.size() + " once each in order (commit index " + core.commitIndex()
          + ", applied index " + core.appliedIndex() + ")");
    }
    return Optional.empty();
  }
}
