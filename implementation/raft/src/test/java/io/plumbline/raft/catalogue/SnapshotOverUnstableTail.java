package io.plumbline.raft.catalogue;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot whose last entry the follower's log does not match, while the follower holds entries
 * past it that are not yet persisted: follower n2 holds 1/t1, 2/t2 on disk and has just appended
 * 3/t2 from the deposed leader n3 (no Ready yet) when n1 of term 3 sends snapshot@2/t3. Installing
 * it must replace the whole log, the unstable tail too (§7; etcd unstable.restore empties it): n2
 * then holds and acknowledges index 2, never its old 3/t2 as if it were n1's entry.
 */
final class SnapshotOverUnstableTail {
  private SnapshotOverUnstableTail() {}

  /** What the check objects to on follower n2 with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = CatalogueCores.disk(new HardState(2, "n3", 1),
        new Entry(1, 1, CatalogueCores.NOOP), new Entry(2, 2, CatalogueCores.NOOP));
    RaftCore follower = CatalogueCores.restartOfThree("n2", disk, 3, bugs);
    follower.step(new Message(MessageType.AppendEntriesRequest, "n3", "n2", 2, 2, 2,
        List.of(new Entry(2, 3, "x".getBytes())), 1, false, 0, null, null));
    Snapshot snap = new Snapshot(2, 3, CatalogueCores.NOOP);
    follower.step(new Message(MessageType.SnapshotRequest, "n1", "n2", 3, 3, 2, List.of(), 2,
        false, 0, null, snap));
    List<Message> sent = new ArrayList<>();
    ReadyLoop.drain(follower, new MemoryReadyHandler(disk, sent::add, e -> { }, r -> { }));
    long acked = sent.stream().filter(m -> m.to().equals("n1")).mapToLong(Message::index).max()
        .orElse(-1);
    if (acked != 2 || disk.lastIndex() != 2) {
      return Optional.of("AcknowledgedIsDurable: n2 installed snapshot@2/t3 over its log 1/t1 2/t2"
          + " 3/t2 (3 not yet persisted) and acknowledged index " + acked + " to n1; its disk ends at "
          + disk.lastIndex() + " with term " + disk.term(disk.lastIndex()) + ", n1 has no entry 3");
    }
    return Optional.empty();
  }
}
