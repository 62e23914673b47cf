package io.plumbline.raft.catalogue;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import io.plumbline.raft.TestCluster;
import java.util.Optional;
import java.util.Set;

/**
 * A vote request delivered twice, the grant to the first copy lost: the member that voted for the
 * candidate must grant the copy too, or a candidate with one member down never wins (liveness,
 * which no safety invariant sees). Three members, PreVote and CheckQuorum off: n1 campaigns in term
 * 1, n3 hears nothing, n2 gets the request twice and only its answer to the second copy arrives;
 * n1 must then lead term 1.
 */
final class RepeatedVoteRequest {
  private RepeatedVoteRequest() {}

  /** What the check objects to on cores with {@code bugs}, or empty. */
  static Optional<String> run(Set<InjectedBug> bugs) {
    TestCluster c = new TestCluster(3,
        cfg -> cfg.withPreVoteAndCheckQuorum(false, false).withInjectedBugs(bugs));
    RaftCore n1 = c.cores.get("n1");
    n1.campaign();
    c.drop(m -> m.to().equals("n3")); // n3 hears nothing
    c.duplicate(m -> m.to().equals("n2")); // the network delivers the request twice
    c.deliverOne(m -> m.to().equals("n2") && m.type() == MessageType.RequestVoteRequest);
    c.drop(m -> m.to().equals("n1")); // the grant to the first copy is lost
    c.deliverOne(m -> m.to().equals("n2") && m.type() == MessageType.RequestVoteRequest);
    c.deliverAll(m -> !m.to().equals("n3") && !m.from().equals("n3"));
    if (n1.role() != Role.Leader || n1.term() != 1) {
      return Optional.of("repeated vote request refused: n2 voted for n1 in term 1, its grant was lost,"
          + " and its answer to the request's copy left n1 " + n1.role() + " of term " + n1.term()
          + " (n2 votes for " + c.cores.get("n2").vote() + ")");
    }
    return Optional.empty();
  }
}
