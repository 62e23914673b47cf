package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import io.plumbline.raft.TestCluster;
import java.util.Optional;
import java.util.Set;

/**
 * A PreCandidate must keep its round for a whole election timeout (etcd tickElection zeroes
 * electionElapsed before it steps MsgHup), or a round restarted on every tick clears the grants it
 * has counted and a quorum whose answers arrive on different ticks is never reached (liveness,
 * which no safety invariant sees). Five members, PreVote on, CheckQuorum off; n4 and n5 are down
 * and only n1's clock runs; the network delivers one message a tick (the oldest between n1, n2
 * and n3). n1 needs both n2's and n3's pre-vote grants in the same round, and must lead term 1
 * within 100 ticks (the first round starts by tick 20; winning takes a few ticks more).
 */
final class PreVoteAnswersATickApart {
  private PreVoteAnswersATickApart() {}

  static final int TICKS = 100;

  /** What the check objects to on cores with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    TestCluster c = new TestCluster(5,
        cfg -> cfg.withPreVoteAndCheckQuorum(true, false).withInjectedBugs(bugs));
    RaftCore n1 = c.cores.get("n1");
    Set<String> up = Set.of("n1", "n2", "n3");
    int preCandidateTicks = 0;
    for (int t = 0; t < TICKS && n1.role() != Role.Leader; t++) {
      n1.tick();
      c.deliverOne(m -> up.contains(m.from()) && up.contains(m.to()));
      if (n1.role() == Role.PreCandidate) {
        preCandidateTicks++;
      }
    }
    if (n1.role() != Role.Leader || n1.term() != 1) {
      return Optional.of("pre-vote answers a tick apart: after " + TICKS + " ticks n1 is " + n1.role()
          + " of term " + n1.term() + " (PreCandidate for " + preCandidateTicks + " of them), with n2 and"
          + " n3 up and one message delivered a tick");
    }
    return Optional.empty();
  }
}
