package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that hand edits of the sixth hunt, and two RaftCore survivors of the targeted PIT run
 * (implementation/HUNTS.md), broke without any other test noticing: each test states one rule on the
 * smallest cluster that shows it.
 */
class RaftCoreHuntSixRulesTest {

  /**
   * A pre-candidate that hears from this term's leader follows it (etcd: MsgApp/MsgHeartbeat of
   * the current term make a (pre-)candidate a follower): its pre-vote round is over, so answers
   * that come in afterwards start no election against the live leader.
   */
  @Test
  void aPreCandidateThatHearsThisTermsLeaderFollowsItAndDoesNotCampaign() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withPreVoteAndCheckQuorum(true, false)).elect("n1");
    c.get("n2").campaign();
    assertThat(c.get("n2").role()).isEqualTo(Role.PreCandidate);
    c.get("n2").step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 1));
    assertThat(c.get("n2").role()).as("after the leader's heartbeat").isEqualTo(Role.Follower);
    assertThat(c.get("n2").lead()).isEqualTo("n1");
    c.stabilize(); // the pre-vote requests and their grants (no lease without CheckQuorum)
    assertThat(c.get("n1").role()).as("n1 still leads").isEqualTo(Role.Leader);
    assertThat(c.cores.values()).allSatisfy(core -> assertThat(core.term()).isEqualTo(1));
  }

  /**
   * A batch of entries is contiguous: when storage stops at the size limit, the unstable tail adds
   * nothing, even an entry small enough to fit (a follower stores a batch's entries one after the
   * other from the first one's index, so a gap puts entry 3 where entry 2 belongs).
   */
  @Test
  void aBatchStoppedByTheLimitInsideStorageSkipsNoIndex() {
    MemoryStorage disk = new MemoryStorage();
    disk.append(List.of(new Entry(1, 1, null), new Entry(1, 2, new byte[100])));
    RaftLog log = new RaftLog(disk);
    log.append(List.of(new Entry(1, 3, null)));
    long limit = 2 * Entry.OVERHEAD_BYTES; // entries 1 and 3 fit, entry 2 does not
    assertThat(log.entriesFrom(1, limit)).extracting(Entry::index).containsExactly(1L);
  }

  /**
   * A new leader's first quorum check comes a full election timeout after it wins, however long its
   * candidacy took (etcd becomeLeader → reset: electionElapsed starts at 0). Carrying the candidate's
   * elapsed ticks over would depose a leader elected late in its candidacy on its first tick, before
   * any follower could answer. Found by PIT (becomeLeader without reset): only fingerprint tests, pinned
   * seeds and trace positions, noticed it.
   */
  @Test
  void aNewLeadersFirstQuorumCheckComesAFullElectionTimeoutAfterItWins() {
    int timeout = 10;
    TestCluster c = new TestCluster(3, cfg -> cfg.withElectionTimeoutTicks(timeout)
        .withPreVoteAndCheckQuorum(false, true));
    RaftCore n1 = c.get("n1");
    n1.campaign();
    c.process();
    for (int i = 0; i < timeout - 1; i++) {
      n1.tick(); // the candidacy waits; below any randomized timeout, which is at least `timeout`
    }
    assertThat(n1.role()).isEqualTo(Role.Candidate);
    c.deliverAll(m -> m.type() == MessageType.RequestVoteRequest || m.type() == MessageType.RequestVoteResponse);
    assertThat(n1.role()).isEqualTo(Role.Leader);
    for (int tick = 1; tick < timeout; tick++) {
      c.drop(m -> true); // no follower's answer arrives: only the timer decides
      n1.tick();
      c.process();
      assertThat(n1.role()).as("tick %d after winning", tick).isEqualTo(Role.Leader);
    }
    n1.tick();
    assertThat(n1.role()).as("the quorum check, a full timeout after winning, found no one").isEqualTo(Role.Follower);
  }

  /**
   * Each pre-vote round counts only its own answers (etcd: becomePreCandidate → reset clears the
   * votes). A grant from an earlier round may be out of date, since its voter may have heard a leader
   * since; counting it lets a pre-candidate start a real election, raising the term, without a quorum
   * that would grant it now, which is what PreVote exists to prevent. Found by PIT (electionTimeout
   * without clearing the votes), which no test noticed.
   */
  @Test
  void aPreVoteRoundCountsOnlyItsOwnAnswers() {
    TestCluster c = new TestCluster(5, cfg -> cfg.withPreVoteAndCheckQuorum(true, false));
    RaftCore n1 = c.get("n1");
    n1.campaign(); // round 1: only n2 answers
    c.deliverAll(m -> m.to().equals("n2") || m.from().equals("n2"));
    c.drop(m -> true);
    assertThat(n1.role()).isEqualTo(Role.PreCandidate);
    n1.campaign(); // round 2: only n3 answers
    c.deliverAll(m -> m.to().equals("n3") || m.from().equals("n3"));
    assertThat(n1.role()).as("two of five grants in this round: n1 and n3").isEqualTo(Role.PreCandidate);
    assertThat(c.cores.values()).allSatisfy(core -> assertThat(core.term()).isZero());
  }
}
