package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One message at a time into a core: the exact answer of each handler. */
class RaftCoreHandlerTest {

  private static RaftCore follower(boolean preVote, boolean checkQuorum, long term, String lead,
      List<Entry> log) {
    MemoryStorage d = new MemoryStorage();
    d.append(log);
    d.setHardState(new HardState(term, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(preVote, checkQuorum), d, new SplitMixRandom(1));
    if (lead != null) {
      c.step(Message.of(MessageType.HeartbeatRequest, lead, "n2", term));
    }
    c.advance(c.ready());
    return c;
  }

  private static Message only(RaftCore c) {
    Ready rd = c.ready();
    c.advance(rd);
    assertThat(rd.messages()).hasSize(1);
    return rd.messages().get(0);
  }

  private static Message voteRequest(MessageType t, String from, long term, long lastIndex,
      long lastTerm) {
    return new Message(t, from, "n2", term, lastTerm, lastIndex, List.of(), 0, false, 0, null, null);
  }

  private static List<Entry> log(long... terms) {
    List<Entry> out = new java.util.ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      out.add(new Entry(terms[i], i + 1, null));
    }
    return out;
  }

  @Test
  void preVoteForAHigherTermIsGrantedEvenWithALeaderWhenTheLeaseIsOff() {
    RaftCore c = follower(true, false, 2, "n1", log(1, 2));
    c.step(voteRequest(MessageType.PreVoteRequest, "n3", 3, 2, 2));
    Message m = only(c);
    assertThat(m.reject()).isFalse();
    assertThat(m.term()).isEqualTo(3);
    assertThat(c.term()).isEqualTo(2); // PreVote does not change our term
  }

  @Test
  void preVoteWithAnOlderLogIsRefusedWithOurTerm() {
    RaftCore c = follower(true, false, 2, null, log(1, 2));
    c.step(voteRequest(MessageType.PreVoteRequest, "n3", 3, 5, 1));
    Message m = only(c);
    assertThat(m.reject()).isTrue();
    assertThat(m.term()).isEqualTo(2);
  }

  @Test
  void preVoteOfTheSameTermIsRefusedWhenWeFollowALeader() {
    RaftCore c = follower(true, false, 2, "n1", log(1, 2));
    c.step(voteRequest(MessageType.PreVoteRequest, "n3", 2, 2, 2));
    assertThat(only(c).reject()).isTrue();
  }

  @Test
  void preVoteOfTheSameTermIsGrantedWithoutALeaderOrVote() {
    RaftCore c = follower(true, false, 2, null, log(1, 2));
    c.step(voteRequest(MessageType.PreVoteRequest, "n3", 2, 2, 2));
    assertThat(only(c).reject()).isFalse();
  }

  @Test
  void stalePreVoteIsRefusedAndStaleHeartbeatAnsweredOnlyWithPreVoteOrCheckQuorum() {
    RaftCore c = follower(true, false, 4, null, log(1));
    c.step(voteRequest(MessageType.PreVoteRequest, "n3", 3, 9, 3));
    Message m = only(c);
    assertThat(m.type()).isEqualTo(MessageType.PreVoteResponse);
    assertThat(m.reject()).isTrue();
    assertThat(m.term()).isEqualTo(4);
    c.step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 3));
    assertThat(only(c).type()).isEqualTo(MessageType.AppendEntriesResponse);
    RaftCore plain = follower(false, false, 4, null, log(1));
    plain.step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 3));
    plain.step(Message.of(MessageType.RequestVoteRequest, "n3", "n2", 3));
    assertThat(plain.ready().messages()).isEmpty();
  }

  @Test
  void heartbeatTeachesTheCommitIndexCappedByTheLog() {
    RaftCore c = follower(true, true, 1, "n1", log(1, 1, 1));
    c.step(new Message(MessageType.HeartbeatRequest, "n1", "n2", 1, 0, 0, List.of(), 2, false, 0,
        "ctx".getBytes(), null));
    Message m = only(c);
    assertThat(c.commitIndex()).isEqualTo(2);
    assertThat(m.type()).isEqualTo(MessageType.HeartbeatResponse);
    assertThat(new String(m.context())).isEqualTo("ctx");
    c.step(new Message(MessageType.HeartbeatRequest, "n1", "n2", 1, 0, 0, List.of(), 9, false, 0,
        null, null));
    assertThat(c.commitIndex()).isEqualTo(3);
  }

  @Test
  void appendBelowTheCommitIndexIsAnsweredWithTheCommitIndex() {
    RaftCore c = follower(true, true, 1, "n1", log(1, 1, 1));
    c.step(new Message(MessageType.HeartbeatRequest, "n1", "n2", 1, 0, 0, List.of(), 3, false, 0,
        null, null));
    c.advance(c.ready());
    c.step(new Message(MessageType.AppendEntriesRequest, "n1", "n2", 1, 1, 1,
        List.of(new Entry(1, 2, null)), 3, false, 0, null, null));
    Message m = only(c);
    assertThat(m.reject()).isFalse();
    assertThat(m.index()).isEqualTo(3);
  }

  @Test
  void mismatchedAppendIsRejectedWithAHint() {
    RaftCore c = follower(true, true, 3, "n1", log(1, 2, 2));
    c.step(new Message(MessageType.AppendEntriesRequest, "n1", "n2", 3, 3, 5, List.of(), 0, false,
        0, null, null));
    Message m = only(c);
    assertThat(m.reject()).isTrue();
    assertThat(m.index()).isEqualTo(5);
    assertThat(m.rejectHint()).isEqualTo(3);
    assertThat(m.logTerm()).isEqualTo(2);
  }

  @Test
  void candidateReturnsToFollowerOnAnAppendOfItsTerm() {
    RaftCore c = follower(false, false, 1, null, log(1));
    c.campaign();
    c.advance(c.ready());
    assertThat(c.role()).isEqualTo(Role.Candidate);
    c.step(new Message(MessageType.AppendEntriesRequest, "n3", "n2", 2, 1, 1, List.of(), 0, false,
        0, null, null));
    assertThat(c.role()).isEqualTo(Role.Follower);
    assertThat(c.lead()).isEqualTo("n3");
  }

  @Test
  void rejectedVotesFromAQuorumEndTheCandidacy() {
    RaftCore c = follower(false, false, 1, null, log(1));
    c.campaign();
    c.advance(c.ready());
    Message no1 = new Message(MessageType.RequestVoteResponse, "n1", "n2", 2, 0, 0, List.of(), 0,
        true, 0, null, null);
    c.step(no1);
    assertThat(c.role()).isEqualTo(Role.Candidate);
    c.step(new Message(MessageType.RequestVoteResponse, "n3", "n2", 2, 0, 0, List.of(), 0, true, 0,
        null, null));
    assertThat(c.role()).isEqualTo(Role.Follower);
    assertThat(c.term()).isEqualTo(2);
  }

  @Test
  void rejectedPreVotesFromAQuorumEndThePreCandidacy() {
    RaftCore c = follower(true, false, 1, null, log(1));
    c.campaign();
    c.advance(c.ready());
    for (String from : List.of("n1", "n3")) {
      c.step(new Message(MessageType.PreVoteResponse, from, "n2", 1, 0, 0, List.of(), 0, true, 0,
          null, null));
    }
    assertThat(c.role()).isEqualTo(Role.Follower);
    assertThat(c.term()).isEqualTo(1);
  }

  @Test
  void leaderWithExactlyAQuorumActiveStaysLeader() {
    TestCluster c = new TestCluster(5).elect("n1");
    RaftCore n1 = c.get("n1");
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 10; i++) {
        n1.tick();
        c.process();
        c.deliverAll(m -> !m.to().equals("n4") && !m.to().equals("n5")
            && !m.from().equals("n4") && !m.from().equals("n5"));
        c.drop(m -> true);
      }
    }
    assertThat(n1.role()).isEqualTo(Role.Leader);
  }

  @Test
  void snapshotAlreadyCoveredIsAnsweredWithTheCommitIndex() {
    RaftCore c = follower(true, true, 2, "n1", log(1, 2, 2));
    c.step(new Message(MessageType.SnapshotRequest, "n1", "n2", 2, 2, 2, List.of(), 0, false, 0,
        null, new Snapshot(2, 2, new byte[0])));
    // Log kept (it matches the snapshot): asked before advance, which drops a pending snapshot
    // and would let the core read its untouched disk again whatever the Ready asked to install.
    assertThat(c.lastIndex()).isEqualTo(3);
    assertThat(c.ready().snapshot()).isNull();
    Message m = only(c);
    assertThat(m.index()).isEqualTo(2);
    assertThat(c.commitIndex()).isEqualTo(2);
    c.step(new Message(MessageType.SnapshotRequest, "n1", "n2", 2, 2, 1, List.of(), 0, false, 0,
        null, new Snapshot(1, 1, new byte[0])));
    assertThat(only(c).index()).isEqualTo(2);
    c.step(new Message(MessageType.SnapshotRequest, "n1", "n2", 2, 5, 9, List.of(), 0, false, 0,
        null, new Snapshot(9, 5, new byte[0])));
    assertThat(c.firstIndex()).isEqualTo(10);
    Ready rd = c.ready();
    assertThat(rd.snapshot().index()).isEqualTo(9);
    assertThat(rd.mustSync()).isTrue();
    assertThat(rd.messages()).singleElement().satisfies(reply -> assertThat(reply.index()).isEqualTo(9));
  }
}
