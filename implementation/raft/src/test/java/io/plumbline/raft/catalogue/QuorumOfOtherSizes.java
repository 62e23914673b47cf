package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Quorums of cluster sizes the simulator's 3 and 5 members and the spec's 3-member models do not
 * tell apart from a wrong rule: with three members "half, rounded up" and "a majority" agree, and a
 * ReadIndex round acknowledged by one follower is a quorum whether or not the leader counts itself
 * twice, or a follower's duplicated answer twice. Two schedules, judged by the spec's invariants:
 * four members, an entry held by n1 and n2 only must not commit (CommittedIsDurable: a committed
 * entry is held by a quorum, 3 of 4); five members, a read acknowledged by n1 and n2 only, n2's
 * heartbeat answer arriving twice (the network duplicates), must not be served (the ReadIndex round
 * needs a quorum of members, 3 of 5, or a deposed leader serves a stale read; the spec's round
 * collects a set of members).
 */
final class QuorumOfOtherSizes {
  private QuorumOfOtherSizes() {}

  /** What the check objects to on cores with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    TestCluster four = elected(4, bugs);
    RaftCore n1 = four.cores.get("n1");
    long commit = n1.commitIndex();
    long index = n1.propose(new byte[] {1}).index();
    four.deliverAll(m -> Set.of("n1", "n2").containsAll(Set.of(m.from(), m.to())));
    if (n1.commitIndex() > commit) {
      return Optional.of("CommittedIsDurable: n1 of four commits index " + n1.commitIndex()
          + " held only by n1 and n2 (a quorum of four is three)");
    }
    four.deliverAll(m -> !m.to().equals("n4") && !m.from().equals("n4"));
    if (n1.commitIndex() < index) {
      return Optional.of("setup: n1 of four did not commit index " + index + " held by three members");
    }

    TestCluster five = elected(5, bugs);
    RaftCore leader = five.cores.get("n1");
    if (!leader.readIndex("r".getBytes(StandardCharsets.UTF_8)).accepted()) {
      return Optional.of("setup: n1 of five refused the read");
    }
    five.deliverAll(m -> m.from().equals("n1") && m.to().equals("n2"));
    five.duplicate(m -> m.from().equals("n2") && m.to().equals("n1"));
    five.deliverAll(m -> Set.of("n1", "n2").containsAll(Set.of(m.from(), m.to())));
    if (!five.reads.get("n1").isEmpty()) {
      return Optional.of("ReadIndex quorum: n1 of five served read r at index "
          + five.reads.get("n1").get(0).index() + " after acknowledgements of n1 and n2 only, n2's"
          + " answer delivered twice (a quorum of five is three members)");
    }
    five.deliverAll(m -> Set.of("n1", "n2", "n3").containsAll(Set.of(m.from(), m.to())));
    if (five.reads.get("n1").size() != 1) {
      return Optional.of("setup: n1 of five did not serve read r after three acknowledgements");
    }
    return Optional.empty();
  }

  /** n1..nN with {@code bugs}; n1 campaigns and every message is delivered: n1 leads and commits its empty entry. */
  private static TestCluster elected(int n, Set<InjectedBug> bugs) {
    TestCluster cluster = new TestCluster(n, c -> c.withInjectedBugs(bugs));
    cluster.cores.get("n1").campaign();
    cluster.deliverAll(m -> true);
    return cluster;
  }
}
