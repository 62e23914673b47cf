package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import io.plumbline.raft.TestCluster;
import java.util.Optional;
import java.util.Set;

/**
 * PreVote must not disrupt a live leader (thesis §9.6): in three members with PreVote and without
 * CheckQuorum (so no lease makes the others refuse), n1 leads term 1 when n2's timer fires and n2
 * becomes a PreCandidate; n1's heartbeat of term 1 reaches n2 before the pre-vote answers. n2 must
 * follow n1 from then on, and the grants that arrive afterwards must start no election: n1 still
 * leads term 1. The simulator's seeds never deliver a same-term heartbeat to a PreCandidate just
 * before its pre-vote quorum (a lost leadership only costs an election, which no safety invariant
 * sees), and the model-based graph has no such step.
 */
final class PreCandidateHearsLeader {
  private PreCandidateHearsLeader() {}

  /** What the check objects to on the three members with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    TestCluster c = new TestCluster(3,
        cfg -> cfg.withPreVoteAndCheckQuorum(true, false).withInjectedBugs(bugs));
    c.cores.get("n1").campaign();
    c.deliverAll(m -> true);
    if (c.cores.get("n1").role() != Role.Leader || c.cores.get("n1").term() != 1) {
      return Optional.of("setup: n1 is " + c.cores.get("n1").role() + " of term "
          + c.cores.get("n1").term() + ", not the Leader of term 1");
    }
    RaftCore n2 = c.cores.get("n2");
    n2.campaign();
    n2.step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 1));
    Role afterHeartbeat = n2.role();
    c.deliverAll(m -> true);
    RaftCore n1 = c.cores.get("n1");
    if (n1.role() != Role.Leader || n1.term() != 1) {
      return Optional.of("PreVote disrupts a live leader: n2, a PreCandidate of term 1, got n1's"
          + " heartbeat of term 1 and stayed " + afterHeartbeat + "; the pre-vote grants that came"
          + " after made it campaign, and n1 is now " + n1.role() + " of term " + n1.term());
    }
    return Optional.empty();
  }
}
