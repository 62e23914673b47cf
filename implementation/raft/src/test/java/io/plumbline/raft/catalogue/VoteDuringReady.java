package io.plumbline.raft.catalogue;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Ready;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A vote granted while a Ready is being handled (etcd's RawNode allows any step between Ready and
 * Advance): {@code advance} of the earlier Ready must record only that Ready's hard state as
 * persisted, so the next Ready writes the new term and vote before the grant goes out. The
 * simulator and the model-based tests always advance before the next step, so this order is
 * checked here directly.
 */
final class VoteDuringReady {
  private VoteDuringReady() {}

  /** What the check objects to on follower n2 of three with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    MemoryStorage disk = new MemoryStorage();
    disk.append(List.of(new Entry(1, 1, null)));
    disk.setHardState(new HardState(2, null, 0));
    RaftConfig config = RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(false, false).withInjectedBugs(bugs);
    RaftCore core = RaftCore.restart(config, disk, new SplitMixRandom(1), TraceSink.NONE);
    core.step(new Message(MessageType.HeartbeatRequest, "n1", "n2", 2, 0, 0, List.of(), 1, false, 0,
        null, null));
    Ready first = core.ready(); // commit 1 and the heartbeat's answer
    core.step(new Message(MessageType.RequestVoteRequest, "n3", "n2", 3, 1, 1, List.of(), 0, false,
        0, null, null)); // granted while the first Ready is out
    List<String> sent = new ArrayList<>();
    MemoryReadyHandler h = new MemoryReadyHandler(disk, m -> {
      if (m.type() == MessageType.RequestVoteResponse && !m.reject()) {
        sent.add("grant to " + m.to() + " with " + disk.initialState() + " on disk");
      }
    }, e -> { }, r -> { });
    ReadyLoop.handle(core, first, h);
    ReadyLoop.drain(core, h);
    HardState durable = disk.initialState();
    if (durable.term() != 3 || !"n3".equals(durable.vote())) {
      return Optional.of("the vote for n3 in term 3, granted while a Ready was out, was never persisted:"
          + " disk holds " + durable + " after " + sent);
    }
    return Optional.empty();
  }
}
