package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Ready;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A second snapshot that reaches a follower while the Ready of the first one is being handled
 * (etcd's RawNode allows any step between Ready and Advance): {@code advance} of the first Ready
 * must mark only that snapshot stable, so the next Ready persists the second before its
 * acknowledgement goes out (AcknowledgedIsDurable). The simulator and the model-based tests always
 * advance before the next step, so this order is played here directly.
 */
final class SnapshotDuringReady {
  private SnapshotDuringReady() {}

  /** What the check objects to on follower n2 of three with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = new MemoryStorage();
    RaftConfig config = RaftConfig.defaults("n2", List.of("n1", "n2", "n3")).withInjectedBugs(bugs);
    RaftCore core = RaftCore.restart(config, disk, new SplitMixRandom(1), TraceSink.NONE);
    core.step(snapshot(new Snapshot(3, 1, CatalogueCores.NOOP)));
    Ready first = core.ready();
    core.step(snapshot(new Snapshot(5, 1, CatalogueCores.NOOP))); // while the first Ready is out
    List<Message> sent = new ArrayList<>();
    MemoryReadyHandler io = new MemoryReadyHandler(disk, sent::add, e -> { }, r -> { });
    try {
      ReadyLoop.handle(core, first, io);
      ReadyLoop.drain(core, io);
    } catch (IllegalArgumentException | IllegalStateException lost) {
      return Optional.of("the next Ready fails: " + lost.getMessage() + " (snapshot@5, received while"
          + " the Ready of snapshot@3 was out, was marked stable unpersisted)");
    }
    long acked = sent.stream().filter(m -> m.type() == MessageType.AppendEntriesResponse)
        .mapToLong(Message::index).max().orElse(0);
    if (acked > disk.lastIndex()) {
      return Optional.of("AcknowledgedIsDurable: n2 acknowledged index " + acked + " but its disk ends"
          + " at " + disk.lastIndex() + " (snapshot@5 came while the Ready of snapshot@3 was out)");
    }
    return Optional.empty();
  }

  private static Message snapshot(Snapshot s) {
    return new Message(MessageType.SnapshotRequest, "n1", "n2", 1, s.term(), s.index(), List.of(),
        s.index(), false, 0, null, s);
  }
}
