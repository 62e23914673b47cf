package io.plumbline.raft.catalogue;

import static io.plumbline.raft.catalogue.CatalogueCores.NOOP;

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
 * A follower behind the leader's compaction point gets a snapshot and drains it through the one
 * {@link ReadyLoop}: the loop must end with the snapshot applied. A core that keeps reporting a
 * Ready it cannot fill would spin there forever; {@link RaftCore#ready} refuses to hand out such
 * an empty Ready, so the check sees the refusal instead of a hang.
 */
final class ReadyLoopEnds {
  private ReadyLoopEnds() {}

  /** What the check objects to on a follower core with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = CatalogueCores.disk(new HardState(1, "n1", 1), new Entry(1, 1, NOOP));
    RaftCore follower = CatalogueCores.restartOfThree("n2", disk, 5, bugs);
    List<Message> sent = new ArrayList<>();
    MemoryReadyHandler io = new MemoryReadyHandler(disk, sent::add, e -> { }, r -> { });
    follower.step(new Message(MessageType.SnapshotRequest, "n1", "n2", 2, 5, 2, List.of(), 5,
        false, 0, null, new Snapshot(5, 2, NOOP)));
    try {
      ReadyLoop.drain(follower, io);
    } catch (IllegalStateException e) {
      return Optional.of("the Ready loop cannot end: " + e.getMessage());
    }
    if (follower.hasReady() || disk.lastIndex() != 5 || follower.commitIndex() != 5) {
      return Optional.of("after the snapshot: disk ends at " + disk.lastIndex() + ", commit index "
          + follower.commitIndex() + ", still has a Ready: " + follower.hasReady());
    }
    return Optional.empty();
  }
}
