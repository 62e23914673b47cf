package io.plumbline.raft.catalogue;

import io.plumbline.raft.Entry;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Ready;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A proposal stepped into the core while a Ready is being handled (etcd's RawNode allows any step
 * between Ready and Advance; plumbline's Ready loop happens not to do it): {@code advance} of the
 * earlier Ready must mark stable only that Ready's entries, so the next Ready still asks to persist
 * the proposal. The simulator and the model-based tests always advance before the next step, so
 * this order is checked here directly.
 */
final class ProposalDuringReady {
  private ProposalDuringReady() {}

  /** What the check objects to on a one-member core with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = new MemoryStorage();
    RaftConfig config = RaftConfig.defaults("n1", List.of("n1")).withInjectedBugs(bugs);
    RaftCore core = RaftCore.restart(config, disk, new SplitMixRandom(1), TraceSink.NONE);
    core.campaign(); // a single member leads at once: its empty entry 1 is in the next Ready
    Ready first = core.ready();
    disk.append(first.entries());
    long proposed = core.propose(new byte[] {1}).index(); // entry 2, while the first Ready is out
    core.advance(first);
    List<Entry> next;
    try {
      next = core.ready().entries();
    } catch (IllegalArgumentException | IllegalStateException lostTail) {
      return Optional.of("the next Ready fails: " + lostTail.getMessage() + " (entry " + proposed
          + ", proposed while a Ready was out, was dropped from the unstable tail unpersisted)");
    }
    if (next.stream().noneMatch(e -> e.index() == proposed)) {
      return Optional.of("entry " + proposed + ", proposed while a Ready was out, is not in the next "
          + "Ready's entries " + next.stream().map(Entry::index).toList() + " (storage ends at "
          + disk.lastIndex() + ")");
    }
    return Optional.empty();
  }
}
