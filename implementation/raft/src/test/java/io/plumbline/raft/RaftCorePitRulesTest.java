package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules that RaftCore mutants of the targeted PIT run broke without any fast test noticing
 * (implementation/HUNTS.md, "RaftCore PIT survivors, triaged"): each test states one rule on the
 * smallest cluster that shows it and fails on its mutant.
 */
class RaftCorePitRulesTest {

  private static List<Entry> log(long... terms) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      out.add(new Entry(terms[i], i + 1, null));
    }
    return out;
  }

  private static void restartWith(TestCluster c, String id, long term, List<Entry> entries) {
    c.disks.get(id).append(entries);
    c.disks.get(id).setHardState(new HardState(term, null, 0));
    c.start(id);
  }

  /**
   * etcd's fast log back-off has two halves (etcd-io/raft stepLeader, MsgAppResp: when the
   * rejection carries a term, {@code nextProbeIdx = raftLog.findConflictByTerm(m.RejectHint,
   * m.LogTerm)}; etcd's TestFastLogRejection, first case). The follower hints the last index whose
   * term is at most the probe's term; the leader then skips back to its own last index whose term is
   * at most the follower's term there. Taking the follower's hint alone costs one round trip per
   * entry of the follower's conflicting term.
   */
  @Test
  void aRejectionSkipsTheFollowersWholeConflictingTermInOneRoundTrip() {
    TestCluster c = new TestCluster(2);
    restartWith(c, "n1", 4, log(1, 2, 2, 4, 4, 4, 4));
    restartWith(c, "n2", 4, log(1, 2, 2, 3, 3, 3, 3, 3));
    c.events.clear();
    c.get("n1").campaign();
    c.stabilize();
    assertThat(c.get("n1").role()).isEqualTo(Role.Leader);
    List<Long> probes = c.events.stream()
        .filter(e -> e.event().equals("AppendEntries") && "n2".equals(e.peer()))
        .map(e -> e.msg().index()).toList();
    assertThat(probes).as("prevIndex of each append to n2: after the rejection at 7 (follower"
        + " hint index 7, term 3) the leader's last index with a term <= 3 is 3").startsWith(7L, 3L);
    assertThat(c.events).filteredOn(e -> e.event().equals("HandleAppendEntriesResponse")
        && e.msg().reject()).as("rejections n2 sent").hasSize(1);
    assertThat(c.get("n2").logEntries()).isEqualTo(c.get("n1").logEntries());
  }

  /**
   * Every state change of the core is traced under the action that made it: trace validation
   * (TraceEtcdRaft.tla) matches each event's state against the action of its name, so a change
   * without its event is a step the trace cannot explain. A (pre-)candidate that a quorum rejects
   * becomes a follower by {@code ElectionLost} (etcd's VoteLost: becomeFollower on a rejection
   * quorum, {@code poll} returning {@code quorum.VoteLost}).
   */
  @Test
  void aCandidateThatAQuorumRejectsTracesElectionLost() {
    TestCluster c = new TestCluster(3);
    restartWith(c, "n1", 1, log(1));
    restartWith(c, "n2", 1, log(1, 1));
    restartWith(c, "n3", 1, log(1, 1));
    c.events.clear();
    c.get("n1").campaign();
    c.stabilize(); // both refuse n1's pre-vote: its log is behind theirs
    assertThat(c.get("n1").role()).isEqualTo(Role.Follower);
    assertThat(c.events).filteredOn(e -> e.node().equals("n1") && e.state().state() == Role.Follower)
        .extracting(TraceEvent::event).as("n1's events as a follower again, the first names the change")
        .startsWith("ElectionLost");
  }

  /**
   * A single member confirms a read at once (etcd: no heartbeat round with one voter), but still
   * traces {@code ReadIndexRequest} before {@code ReadIndexComplete}: TraceEtcdRaft completes only
   * a read it saw requested. Only a one-member cluster takes this path, and the trace tier runs
   * three.
   */
  @Test
  void aSingleMembersReadIsTracedAsRequestedThenCompleted() {
    TestCluster c = new TestCluster(1).elect("n1");
    c.events.clear();
    assertThat(c.get("n1").readIndex("r1".getBytes(StandardCharsets.UTF_8)).accepted()).isTrue();
    c.process();
    assertThat(c.events).filteredOn(e -> e.read() != null)
        .extracting(TraceEvent::event, TraceEvent::read)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ReadIndexRequest", "r1"),
            org.assertj.core.groups.Tuple.tuple("ReadIndexComplete", "r1"));
    assertThat(c.reads.get("n1")).extracting(ReadState::index).containsExactly(c.get("n1").commitIndex());
  }

  /** A core reports the id it was configured with (node shells and traces name members by it). */
  @Test
  void aCoreReportsItsConfiguredId() {
    assertThat(new TestCluster(3).get("n2").id()).isEqualTo("n2");
  }
}
