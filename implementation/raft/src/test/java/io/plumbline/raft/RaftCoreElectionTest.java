package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Elections as etcd does them: PreVote, the CheckQuorum lease, randomized timeouts (Raft §5.2). */
class RaftCoreElectionTest {

  @Test
  void preVoteDoesNotRaiseTheTermUntilAQuorumGrantsIt() {
    TestCluster c = new TestCluster(3);
    c.get("n1").campaign();
    c.process();
    assertThat(c.get("n1").role()).isEqualTo(Role.PreCandidate);
    assertThat(c.get("n1").term()).isZero();
    assertThat(c.queue).allMatch(m -> m.type() == MessageType.PreVoteRequest && m.term() == 1);
    c.stabilize();
    assertThat(c.get("n1").role()).isEqualTo(Role.Leader);
    assertThat(c.get("n1").term()).isEqualTo(1);
    assertThat(c.get("n2").lead()).isEqualTo("n1");
    assertThat(c.get("n2").vote()).isEqualTo("n1");
  }

  @Test
  void newLeaderAppendsAndCommitsAnEmptyEntryOfItsTerm() {
    TestCluster c = new TestCluster(3).elect("n1");
    assertThat(c.get("n1").logEntries()).containsExactly(new Entry(1, 1, null));
    assertThat(c.get("n1").commitIndex()).isEqualTo(1);
    assertThat(c.applied.get("n3")).containsExactly(new Entry(1, 1, null));
  }

  @Test
  void electionTimerFiresWithinTwiceTheTimeout() {
    TestCluster c = new TestCluster(3);
    int ticks = 0;
    while (c.get("n1").role() == Role.Follower) {
      c.get("n1").tick();
      ticks++;
    }
    assertThat(ticks).isBetween(10, 19);
    assertThat(c.get("n1").role()).isEqualTo(Role.PreCandidate);
  }

  @Test
  void membersInTheLeaseIgnoreVoteRequestsOfHigherTerms() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n2").campaign(); // n2's own timer fired, but n3 still hears from n1
    c.deliverAll(m -> m.type() == MessageType.PreVoteRequest);
    assertThat(c.get("n3").term()).isEqualTo(1);
    assertThat(c.events).anyMatch(e -> e.event().equals("IgnoreVoteRequestInLease"));
    assertThat(c.queue).noneMatch(m -> m.type() == MessageType.PreVoteResponse && !m.reject());
  }

  @Test
  void candidateWithStaleLogIsRefused() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withPreVoteAndCheckQuorum(false, false)).elect("n1");
    c.drop(m -> true);
    c.get("n1").propose("x".getBytes());
    c.deliverAll(m -> !m.to().equals("n3"));
    c.get("n3").campaign(); // n3 lacks x
    c.deliverAll(m -> m.type() == MessageType.RequestVoteRequest);
    assertThat(c.queue).filteredOn(m -> m.type() == MessageType.RequestVoteResponse)
        .allMatch(Message::reject);
  }

  @Test
  void oneVotePerTerm() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withPreVoteAndCheckQuorum(false, false));
    c.get("n1").campaign();
    c.get("n2").campaign();
    c.process();
    c.deliverAll(m -> m.to().equals("n3") && m.from().equals("n1"));
    c.deliverAll(m -> m.to().equals("n3") && m.from().equals("n2"));
    assertThat(c.get("n3").vote()).isEqualTo("n1");
    assertThat(c.queue).filteredOn(m -> m.from().equals("n3") && m.to().equals("n2"))
        .allMatch(Message::reject);
  }

  @Test
  void checkQuorumMakesAnIsolatedLeaderStepDown() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.drop(m -> true);
    for (int i = 0; i < 20 && c.get("n1").role() == Role.Leader; i++) {
      c.get("n1").tick();
      c.process();
      c.drop(m -> true);
    }
    assertThat(c.get("n1").role()).isEqualTo(Role.Follower);
    assertThat(c.get("n1").term()).isEqualTo(1);
    assertThat(c.events).anyMatch(e -> e.event().equals("CheckQuorum"));
  }

  @Test
  void leaderInContactWithAQuorumStaysLeader() {
    TestCluster c = new TestCluster(3).elect("n1");
    for (int i = 0; i < 50; i++) {
      c.get("n1").tick();
      c.stabilize();
    }
    assertThat(c.get("n1").role()).isEqualTo(Role.Leader);
  }

  @Test
  void higherTermMessageMakesLeaderFollowerAndStaleMessageIsAnsweredWithOurTerm() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    n1.step(Message.of(MessageType.HeartbeatRequest, "n2", "n1", 5));
    assertThat(n1.role()).isEqualTo(Role.Follower);
    assertThat(n1.term()).isEqualTo(5);
    assertThat(n1.lead()).isEqualTo("n2");
    c.process();
    c.queue.clear();
    n1.step(Message.of(MessageType.AppendEntriesRequest, "n3", "n1", 2));
    c.process();
    assertThat(c.queue).singleElement().satisfies(m -> {
      assertThat(m.type()).isEqualTo(MessageType.AppendEntriesResponse);
      assertThat(m.term()).isEqualTo(5);
    });
    assertThat(c.events).anyMatch(e -> e.event().equals("DropStaleMessage"));
  }

  @Test
  void singleMemberElectsItselfAndCommitsAlone() {
    TestCluster c = new TestCluster(1).elect("n1");
    assertThat(c.get("n1").role()).isEqualTo(Role.Leader);
    assertThat(c.get("n1").propose("a".getBytes()).accepted()).isTrue();
    c.process();
    assertThat(c.get("n1").commitIndex()).isEqualTo(2);
    assertThat(c.get("n1").readIndex("r".getBytes()).index()).isEqualTo(2);
    c.process();
    assertThat(c.reads.get("n1")).containsExactly(new ReadState(2, "r".getBytes()));
  }
}
