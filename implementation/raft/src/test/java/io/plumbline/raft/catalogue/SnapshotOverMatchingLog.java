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
 * A snapshot that reaches a follower whose log already holds the snapshot's last entry, while its
 * commit index lags (the entries came in appends that carried an older commit index, and the
 * leader sent the snapshot before their acknowledgement arrived): follower n2 holds {@code <<1/t1,
 * 2/t2>>}, acknowledges the leader's append of 3/t2, then receives snapshot@2/t2 of the same term.
 * Its disk, written through the one {@link ReadyLoop}, must still hold entry 3 (AcknowledgedIsDurable:
 * the leader counts it). The simulator reaches this state too (trace validation of its seeds
 * rejects the bug at HandleSnapshotRequest), but only in the slow trace-validation test; this
 * check plays the state on the handler directly, in no measurable time.
 */
final class SnapshotOverMatchingLog {
  private SnapshotOverMatchingLog() {}

  /** What the check objects to on a follower core with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = CatalogueCores.disk(new HardState(2, "n1", 0),
        new Entry(1, 1, NOOP), new Entry(2, 2, NOOP));
    RaftCore follower = CatalogueCores.restartOfThree("n2", disk, 3, bugs);
    List<Message> sent = new ArrayList<>();
    MemoryReadyHandler io = new MemoryReadyHandler(disk, sent::add, e -> { }, r -> { });
    follower.step(new Message(MessageType.AppendEntriesRequest, "n1", "n2", 2, 2, 2,
        List.of(new Entry(2, 3, "v3".getBytes())), 0, false, 0, null, null));
    ReadyLoop.drain(follower, io);
    boolean acked = sent.stream().anyMatch(m ->
        m.type() == MessageType.AppendEntriesResponse && !m.reject() && m.index() == 3);
    if (!acked) {
      return Optional.of("setup: n2 did not acknowledge index 3: " + sent);
    }
    follower.step(new Message(MessageType.SnapshotRequest, "n1", "n2", 2, 2, 2, List.of(), 3,
        false, 0, null, new Snapshot(2, 2, NOOP)));
    ReadyLoop.drain(follower, io);
    if (disk.lastIndex() < 3 || disk.term(3) != 2) {
      return Optional.of("AcknowledgedIsDurable: n2 acknowledged index 3, then installed snapshot@2/2"
          + " over its matching log; its disk now ends at " + disk.lastIndex());
    }
    return Optional.empty();
  }
}
