package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that hand edits of the sixth hunt (implementation/HUNTS.md) broke without any other test
 * noticing: each test states one rule on the smallest cluster that shows it.
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
}
