package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Log replication, flow control, commit rules, ReadIndex, snapshots and restart (Raft §5.3–5.4). */
class RaftCoreReplicationTest {

  private static byte[] b(String s) {
    return s.getBytes();
  }

  @Test
  void proposalsReplicateCommitAndApplyInOrderEverywhere() {
    TestCluster c = new TestCluster(3).elect("n1");
    for (String v : List.of("a", "b", "c")) {
      assertThat(c.get("n1").propose(b(v)).accepted()).isTrue();
    }
    c.stabilize();
    c.get("n1").tick();
    c.stabilize();
    for (String id : List.of("n1", "n2", "n3")) {
      assertThat(c.applied.get(id)).extracting(Entry::value).containsExactly("", "a", "b", "c");
      assertThat(c.get(id).commitIndex()).isEqualTo(4);
    }
  }

  @Test
  void followersRejectProposalsWithALeaderHint() {
    TestCluster c = new TestCluster(3).elect("n1");
    SubmitResult r = c.get("n2").propose(b("x"));
    assertThat(r.status()).isEqualTo(SubmitResult.Status.NOT_LEADER);
    assertThat(r.leaderHint()).isEqualTo("n1");
    assertThat(c.get("n2").readIndex(b("r")).status()).isEqualTo(SubmitResult.Status.NOT_LEADER);
  }

  @Test
  void inflightWindowBoundsPipelinedAppends() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withFlowControl(2, 1)).elect("n1");
    for (int i = 0; i < 5; i++) {
      c.get("n1").propose(b("v" + i));
    }
    c.process();
    assertThat(c.queue).filteredOn(m -> m.to().equals("n2")
        && m.type() == MessageType.AppendEntriesRequest && !m.entries().isEmpty()).hasSize(2);
    assertThat(c.queue).allMatch(m -> m.entries().size() <= 1);
    c.stabilize();
    assertThat(c.get("n2").lastIndex()).isEqualTo(6);
  }

  @Test
  void maxSizePerMessageStillSendsOneEntry() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withFlowControl(256, 1)).elect("n1");
    c.get("n1").propose(b("large-value"));
    c.process();
    assertThat(c.queue).filteredOn(m -> m.type() == MessageType.AppendEntriesRequest)
        .allMatch(m -> m.entries().size() == 1);
  }

  @Test
  void onlyCurrentTermEntriesCommitByCounting() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withPreVoteAndCheckQuorum(false, false)).elect("n1");
    c.get("n1").propose(b("old"));
    c.process();
    c.drop(m -> true); // "old" (index 2, term 1) stays on n1 only
    // n1 loses leadership to n2 without n2 learning "old", then wins term 3 back
    c.get("n2").campaign(); // term 2: n3 votes for n2, n1 refuses but learns the term
    c.deliverAll(m -> m.type() == MessageType.RequestVoteRequest);
    c.deliverAll(m -> m.type() == MessageType.RequestVoteResponse);
    c.drop(m -> true);
    c.get("n1").campaign(); // term 3
    c.deliverAll(m -> m.type() == MessageType.RequestVoteRequest && m.to().equals("n3"));
    c.deliverAll(m -> m.type() == MessageType.RequestVoteResponse);
    RaftCore n1 = c.get("n1");
    assertThat(n1.role()).isEqualTo(Role.Leader);
    assertThat(n1.termAt(2)).isEqualTo(1);
    // n3 gets only index 2 (term 1): a quorum holds it, but it is not of the current term.
    n1.step(new Message(MessageType.AppendEntriesResponse, "n3", "n1", n1.term(), 0, 2,
        List.of(), 0, false, 0, null, null));
    assertThat(n1.commitIndex()).isEqualTo(1);
    n1.step(new Message(MessageType.AppendEntriesResponse, "n3", "n1", n1.term(), 0, 3,
        List.of(), 0, false, 0, null, null));
    assertThat(n1.commitIndex()).isEqualTo(3);
  }

  @Test
  void conflictingSuffixIsTruncatedUsingTheBackOffHint() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withPreVoteAndCheckQuorum(false, false)).elect("n1");
    c.drop(m -> true);
    for (int i = 0; i < 3; i++) {
      c.get("n1").propose(b("lost" + i));
    }
    c.process();
    c.drop(m -> true);
    c.get("n2").campaign();
    c.deliverAll(m -> !m.to().equals("n1"));
    c.get("n2").propose(b("kept"));
    c.deliverAll(m -> !m.to().equals("n1"));
    c.drop(m -> true);
    c.get("n2").tick();
    c.stabilize();
    assertThat(c.get("n1").logEntries()).extracting(Entry::value).containsExactly("", "", "kept");
    assertThat(c.get("n1").logEntries()).isEqualTo(c.get("n2").logEntries());
  }

  @Test
  void readIndexWaitsForACommittedEntryOfTheTermAndAQuorumRound() {
    TestCluster c = new TestCluster(3);
    c.get("n1").campaign();
    c.deliverAll(m -> m.type() != MessageType.AppendEntriesRequest);
    assertThat(c.get("n1").role()).isEqualTo(Role.Leader);
    assertThat(c.get("n1").readIndex(b("early")).status()).isEqualTo(SubmitResult.Status.NOT_READY);
    c.stabilize();
    SubmitResult r = c.get("n1").readIndex(b("r1"));
    assertThat(r.accepted()).isTrue();
    c.process();
    assertThat(c.reads.get("n1")).isEmpty();
    c.deliverAll(m -> m.type() == MessageType.HeartbeatRequest && m.to().equals("n2"));
    c.deliverAll(m -> m.type() == MessageType.HeartbeatResponse);
    assertThat(c.reads.get("n1")).containsExactly(new ReadState(1, b("r1")));
  }

  @Test
  void pendingReadsAreReleasedTogetherByALaterRound() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").readIndex(b("a"));
    c.get("n1").readIndex(b("b"));
    c.process();
    c.drop(m -> m.hasContext() && new String(m.context()).equals("a"));
    c.stabilize();
    assertThat(c.reads.get("n1")).extracting(rs -> new String(rs.context())).containsExactly("a", "b");
  }

  @Test
  void laggingFollowerBehindCompactionGetsASnapshot() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.deliverAll(m -> !m.to().equals("n3"));
    c.drop(m -> m.to().equals("n3"));
    c.get("n1").tick();
    c.deliverAll(m -> !m.to().equals("n3"));
    c.drop(m -> m.to().equals("n3"));
    MemoryStorage d = c.disks.get("n1");
    d.createSnapshot(2, b("state"));
    d.compact(2);
    c.disks.get("n3").append(List.of()); // n3 still has only index 1
    c.get("n1").tick();
    c.stabilize();
    assertThat(c.events).anyMatch(e -> e.event().equals("SendSnapshot"));
    assertThat(c.disks.get("n3").snapshot().index()).isEqualTo(2);
    assertThat(c.get("n3").commitIndex()).isEqualTo(2);
    assertThat(c.get("n3").firstIndex()).isEqualTo(3);
  }

  @Test
  void restartKeepsTermVoteAndLogButNotCommitOrRole() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.stabilize();
    c.start("n1");
    RaftCore n1 = c.get("n1");
    assertThat(n1.role()).isEqualTo(Role.Follower);
    assertThat(n1.term()).isEqualTo(1);
    assertThat(n1.vote()).isEqualTo("n1");
    assertThat(n1.lastIndex()).isEqualTo(2);
    assertThat(n1.lead()).isNull();
    assertThat(c.events).anyMatch(e -> e.event().equals("Restart"));
  }

  @Test
  void readyAsksForSyncOnlyWhenTermVoteOrEntriesChange() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n2 = c.get("n2");
    n2.step(new Message(MessageType.HeartbeatRequest, "n1", "n2", 1, 0, 0, List.of(), 1,
        false, 0, null, null));
    assertThat(n2.ready().mustSync()).isFalse();
    n2.advance(n2.ready());
    n2.step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 2));
    assertThat(n2.ready().mustSync()).isTrue();
    assertThat(n2.ready().hardState().term()).isEqualTo(2);
    n2.advance(n2.ready());
    assertThat(n2.hasReady()).isFalse();
    assertThat(n2.ready().isEmpty()).isTrue();
  }
}
