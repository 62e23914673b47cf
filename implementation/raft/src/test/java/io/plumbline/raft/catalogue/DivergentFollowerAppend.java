package io.plumbline.raft.catalogue;

import static io.plumbline.raft.catalogue.CatalogueCores.NOOP;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftCore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The spec's divergent-follower state (MCEtcdRaftScenario's {@code DivergentLeaders}, the schedule
 * of the deep model MCEtcdRaftDivergent) played on a real follower core: n2 holds {@code <<1/t1, 2/t2>>} (its
 * own term-2 entry, never replicated), and the leader n1 of term 3, whose committed log is {@code
 * <<1/t1, 2/t1 "v1", 3/t3>>}, sends an append that verifies only index 1 (prevLogIndex 0, entry
 * 1/t1) with commit index 3 — the message the spec reaches after a stale rejection backs nextIndex
 * off. The follower may commit index 1 only. The core's own probing never sends this message (it
 * ignores stale rejections), so neither the simulator nor the model-based replay can produce it;
 * the handler is therefore checked on it directly, and the checks are StateMachineSafety on the
 * result (every index the follower commits must hold the leader's committed entry) and
 * AcknowledgedIsDurable on its answer: the follower acknowledges the last entry the append
 * verified (the spec's {@code mmatchIndex = prevLogIndex + Len(entries)}), never its own index 2,
 * which the leader would then count as holding its entry 2/t1.
 */
final class DivergentFollowerAppend {
  /** The leader's committed log (term 3): n2's index 2 (term 2) is not in it. */
  private static final List<Entry> LEADER_LOG = List.of(new Entry(1, 1, NOOP),
      new Entry(1, 2, "v1".getBytes()), new Entry(3, 3, NOOP));

  private DivergentFollowerAppend() {}

  /** What the check objects to on a follower core with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = CatalogueCores.disk(new HardState(3, "n1", 0),
        new Entry(1, 1, NOOP), new Entry(2, 2, NOOP));
    RaftCore follower = CatalogueCores.restartOfThree("n2", disk, 2, bugs);
    follower.step(new Message(MessageType.AppendEntriesRequest, "n1", "n2", 3, 0, 0,
        List.of(LEADER_LOG.get(0)), 3, false, 0, null, null));
    Optional<String> ack = acknowledgedBeyondVerified(follower);
    if (ack.isPresent()) {
      return ack;
    }
    List<Entry> log = follower.logEntries();
    for (int k = 1; k <= follower.commitIndex(); k++) {
      Entry mine = log.get(k - 1);
      Entry leaders = LEADER_LOG.get(k - 1);
      if (mine.term() != leaders.term() || !mine.value().equals(leaders.value())) {
        return Optional.of("StateMachineSafety: n2 commits index " + k + " (term " + mine.term()
            + ") where the leader's committed log holds term " + leaders.term()
            + " (commit index " + follower.commitIndex() + " after an append verifying index 1)");
      }
    }
    return Optional.empty();
  }

  /** The follower's success answer must not claim more than the append verified (index 1). */
  private static Optional<String> acknowledgedBeyondVerified(RaftCore follower) {
    if (!follower.hasReady()) {
      return Optional.empty();
    }
    for (Message m : follower.ready().messages()) {
      if (m.type() == MessageType.AppendEntriesResponse && !m.reject() && m.index() > 1) {
        return Optional.of("AcknowledgedIsDurable: n2 acknowledges index " + m.index()
            + " after an append verifying index 1; its index 2 holds term 2, the leader's term 1");
      }
    }
    return Optional.empty();
  }
}
