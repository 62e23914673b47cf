package io.plumbline.raft.catalogue;

import io.plumbline.raft.Entry;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Quorums of cluster sizes the simulator's 3 and 5 members and the spec's 3-member models do not
 * tell apart from a wrong rule: with three members "half, rounded up" and "a majority" agree, and a
 * ReadIndex round acknowledged by one follower is a quorum whether or not the leader counts itself
 * twice. Two schedules, judged by the spec's invariants: four members, an entry held by n1 and n2
 * only must not commit (CommittedIsDurable: a committed entry is held by a quorum, 3 of 4); five
 * members, a read acknowledged by n1 and n2 only must not be served (the ReadIndex round needs a
 * quorum, 3 of 5, or a deposed leader serves a stale read).
 */
final class QuorumOfOtherSizes {
  private QuorumOfOtherSizes() {}

  /** What the check objects to on cores with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    Cluster four = new Cluster(4, bugs);
    four.elect();
    RaftCore n1 = four.cores.get("n1");
    long commit = n1.commitIndex();
    long index = n1.propose(new byte[] {1}).index();
    four.deliver(m -> Set.of("n1", "n2").containsAll(Set.of(m.from(), m.to())));
    if (n1.commitIndex() > commit) {
      return Optional.of("CommittedIsDurable: n1 of four commits index " + n1.commitIndex()
          + " held only by n1 and n2 (a quorum of four is three)");
    }
    four.deliver(m -> !m.to().equals("n4") && !m.from().equals("n4"));
    if (n1.commitIndex() < index) {
      return Optional.of("setup: n1 of four did not commit index " + index + " held by three members");
    }

    Cluster five = new Cluster(5, bugs);
    five.elect();
    RaftCore leader = five.cores.get("n1");
    if (!leader.readIndex("r".getBytes(StandardCharsets.UTF_8)).accepted()) {
      return Optional.of("setup: n1 of five refused the read");
    }
    five.deliver(m -> Set.of("n1", "n2").containsAll(Set.of(m.from(), m.to())));
    if (!five.reads.isEmpty()) {
      return Optional.of("ReadIndex quorum: n1 of five served read r at index "
          + five.reads.get(0).index() + " after acknowledgements of n1 and n2 only (a quorum of five is three)");
    }
    five.deliver(m -> Set.of("n1", "n2", "n3").containsAll(Set.of(m.from(), m.to())));
    if (five.reads.size() != 1) {
      return Optional.of("setup: n1 of five did not serve read r after three acknowledgements");
    }
    return Optional.empty();
  }

  /** Members n1..nN on memory disks, every Ready honoured at once, messages queued in order. */
  private static final class Cluster {
    final Map<String, RaftCore> cores = new LinkedHashMap<>();
    final Map<String, MemoryStorage> disks = new LinkedHashMap<>();
    final List<Message> queue = new ArrayList<>();
    final List<ReadState> reads = new ArrayList<>();

    Cluster(int n, Set<InjectedBug> bugs) {
      List<String> ids = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        ids.add("n" + i);
      }
      for (String id : ids) {
        RaftConfig config = RaftConfig.defaults(id, ids).withInjectedBugs(bugs);
        disks.put(id, new MemoryStorage());
        cores.put(id, RaftCore.restart(config, disks.get(id), new SplitMixRandom(id.hashCode()),
            TraceSink.NONE));
      }
    }

    /** n1 campaigns and every message is delivered: n1 leads and commits its empty entry. */
    void elect() {
      cores.get("n1").campaign();
      deliver(m -> true);
    }

    void process() {
      for (boolean any = true; any; ) {
        any = false;
        for (Map.Entry<String, RaftCore> e : cores.entrySet()) {
          RaftCore c = e.getValue();
          if (c.hasReady()) {
            any = true;
            List<ReadState> served = e.getKey().equals("n1") ? reads : new ArrayList<>();
            ReadyLoop.handle(c, c.ready(), new MemoryReadyHandler(disks.get(e.getKey()), queue::add,
                (Entry applied) -> { }, served::add));
          }
        }
      }
    }

    /** Delivers queued messages matching {@code filter} (and what they cause); the rest wait. */
    void deliver(Predicate<Message> filter) {
      process();
      for (int round = 0; round < 10_000; round++) {
        Message m = queue.stream().filter(filter).findFirst().orElse(null);
        if (m == null) {
          return;
        }
        queue.remove(m);
        cores.get(m.to()).step(m);
        process();
      }
      throw new IllegalStateException("no quiescence");
    }
  }
}
