package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that hand edits of the eighth hunt (implementation/HUNTS.md) broke while the fast raft
 * tests, the simulator's seeds and the catalogue's controls passed: each states one rule on the
 * smallest cluster or single core that shows it, with the etcd-io/raft behaviour it follows.
 */
class RaftCoreHuntEightRulesTest {

  /** Member n2 of n1..n3 at {@code term} with no leader (PreVote on, CheckQuorum off). */
  private static RaftCore n2AtTerm(long term) {
    MemoryStorage d = new MemoryStorage();
    d.setHardState(new HardState(term, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(true, false), d, new SplitMixRandom(1));
    c.advance(c.ready());
    return c;
  }

  private static List<Message> sent(RaftCore c) {
    Ready rd = c.ready();
    c.advance(rd);
    return rd.messages();
  }

  private static Message request(MessageType t, String from, long term) {
    return new Message(t, from, "n2", term, 0, 0, List.of(), 0, false, 0, null, null);
  }

  /**
   * A PreCandidate whose pre-vote requests all went unanswered starts a new round once its
   * randomized election timeout elapses again (etcd tickElection runs for every role but the
   * leader, PreCandidate included). Otherwise a member whose round was lost waits for ever: with a
   * leader down and every survivor's round lost, no one campaigns again.
   */
  @Test
  void aPreCandidateWhoseRoundWentUnansweredStartsAnotherAfterATimeout() {
    TestCluster c = new TestCluster(3);
    RaftCore n1 = c.get("n1");
    n1.campaign();
    assertThat(n1.role()).isEqualTo(Role.PreCandidate);
    c.process();
    c.drop(m -> true); // the pre-vote requests are lost
    for (int t = 0; t < 20; t++) { // the randomized timeout is below 2T = 20 ticks
      n1.tick();
    }
    c.process();
    assertThat(c.queue).as("n1's messages in the 20 ticks after its lost round")
        .anyMatch(m -> m.type() == MessageType.PreVoteRequest && m.from().equals("n1"));
  }

  /**
   * A PreCandidate waits a whole randomized election timeout before its next round (etcd
   * tickElection zeroes electionElapsed before it steps MsgHup): a round restarted every tick
   * broadcasts pre-vote requests every tick and clears the answers still on their way.
   */
  @Test
  void aPreCandidateWaitsAnElectionTimeoutBeforeItsNextRound() {
    TestCluster c = new TestCluster(3);
    RaftCore n1 = c.get("n1");
    for (int t = 0; t < 20 && n1.role() != Role.PreCandidate; t++) {
      n1.tick(); // the timer fires: the first round
    }
    assertThat(n1.role()).isEqualTo(Role.PreCandidate);
    c.process();
    c.drop(m -> true); // the pre-vote requests are lost
    for (int t = 0; t < 9; t++) { // the randomized timeout is at least T = 10 ticks
      n1.tick();
    }
    c.process();
    assertThat(c.queue).as("n1's messages in the 9 ticks after its round began").isEmpty();
  }

  /**
   * A vote request from the candidate a member already voted for in this term is granted again
   * (etcd canVote: {@code r.Vote == m.From}): the network duplicates and reorders, and a refusal
   * of the copy that reaches the candidate first is counted as that member's answer.
   */
  @Test
  void aRepeatedVoteRequestFromTheCandidateVotedForIsGrantedAgain() {
    RaftCore n2 = n2AtTerm(1);
    Message ask = request(MessageType.RequestVoteRequest, "n3", 2);
    n2.step(ask);
    assertThat(sent(n2)).singleElement().satisfies(m -> assertThat(m.reject()).isFalse());
    n2.step(ask);
    assertThat(sent(n2)).as("the answer to the copy").singleElement()
        .satisfies(m -> assertThat(m.reject()).isFalse());
  }
}
