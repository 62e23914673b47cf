package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Rules that hand edits of the core broke without any other test noticing (implementation/HUNTS.md): each test states one rule on the smallest cluster that shows it.
 */
class RaftCoreRulesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Quorum is a majority of all members; with four, the median acknowledgement is one short. */
  @Test
  void fourMembersCommitOnlyWhatThreeHold() {
    TestCluster c = new TestCluster(4).elect("n1");
    long commit = c.get("n1").commitIndex();
    c.get("n1").propose(b("a"));
    c.deliverAll(m -> !Set.of("n3", "n4").contains(m.to()) && !Set.of("n3", "n4").contains(m.from()));
    assertThat(c.get("n1").commitIndex()).as("held by n1 and n2 of four").isEqualTo(commit);
    c.deliverAll(m -> !m.to().equals("n4") && !m.from().equals("n4"));
    assertThat(c.get("n1").commitIndex()).as("held by three of four").isEqualTo(commit + 1);
  }

  /** Two members: a quorum is both of them, the leader alone commits nothing. */
  @Test
  void twoMembersCommitOnlyWhatBothHold() {
    TestCluster c = new TestCluster(2).elect("n1");
    long commit = c.get("n1").commitIndex();
    c.get("n1").propose(b("a"));
    c.drop(m -> true);
    c.process();
    c.drop(m -> true);
    assertThat(c.get("n1").commitIndex()).isEqualTo(commit);
  }

  /** A ReadIndex round needs a quorum of acknowledgements, the leader's own counted once. */
  @Test
  void fiveMembersServeAReadOnlyAfterTwoFollowersAcknowledgeIt() {
    TestCluster c = new TestCluster(5).elect("n1");
    c.get("n1").readIndex(b("r"));
    c.deliverAll(m -> Set.of("n1", "n2").containsAll(Set.of(m.from(), m.to())));
    assertThat(c.reads.get("n1")).as("acknowledged by n1 and n2 of five").isEmpty();
    c.deliverAll(m -> Set.of("n1", "n2", "n3").containsAll(Set.of(m.from(), m.to())));
    assertThat(c.reads.get("n1")).extracting(rs -> new String(rs.context(), StandardCharsets.UTF_8))
        .containsExactly("r");
  }

  /** etcd's canVote: a member that knows this term's leader refuses another candidate of the term. */
  @Test
  void aFollowerOfThisTermsLeaderRefusesAVoteOfTheSameTerm() {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null)));
    d.setHardState(new HardState(2, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(false, false), d, new SplitMixRandom(1));
    c.step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 2));
    c.advance(c.ready());
    c.step(new Message(MessageType.RequestVoteRequest, "n3", "n2", 2, 1, 1, List.of(), 0, false, 0,
        null, null));
    Ready rd = c.ready();
    assertThat(rd.messages()).singleElement().satisfies(m -> assertThat(m.reject()).isTrue());
    assertThat(c.vote()).isNull();
  }

  /** Granting a vote restarts the election timer (etcd): a voter does not run against its pick at once. */
  @Test
  void grantingAVoteRestartsTheElectionTimer() {
    int timeout = 0; // this seed's randomized timeout, measured on a twin
    for (RaftCore twin = termTwoFollower(); twin.role() == Role.Follower; timeout++) {
      twin.tick();
    }
    RaftCore c = termTwoFollower();
    for (int i = 0; i < timeout - 1; i++) {
      c.tick();
    }
    c.step(new Message(MessageType.RequestVoteRequest, "n3", "n2", 2, 1, 1, List.of(), 0, false, 0,
        null, null)); // same term: no term change resets the timer on its own
    assertThat(c.vote()).isEqualTo("n3");
    for (int i = 0; i < 9; i++) { // RaftConfig.defaults: the randomized timeout lies in [10, 20)
      c.tick();
      assertThat(c.role()).as("tick %d after the grant", i + 1).isEqualTo(Role.Follower);
    }
  }

  /** n2 of three in term 2, no leader, no vote, without PreVote and CheckQuorum. */
  private static RaftCore termTwoFollower() {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null)));
    d.setHardState(new HardState(2, null, 0));
    return RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(false, false), d, new SplitMixRandom(1));
  }

  /** The randomized election timeout spans [T, 2T): never shorter than T, and really random. */
  @Test
  void randomizedElectionTimeoutsCoverTToTwiceT() {
    Set<Integer> seen = new TreeSet<>();
    for (long seed = 1; seed <= 200; seed++) {
      RaftCore c = RaftCore.create(RaftConfig.defaults("n1", List.of("n1", "n2", "n3")),
          new MemoryStorage(), new SplitMixRandom(seed));
      int ticks = 0;
      while (c.role() == Role.Follower) {
        c.tick();
        ticks++;
      }
      seen.add(ticks);
    }
    assertThat(seen).containsExactly(10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
  }

  /**
   * Ready contract: what the core produced while a Ready was out (a read released by a heartbeat
   * answer, the messages it sent) belongs to the next Ready; advance drops only what it handed out.
   */
  @Test
  void readsAndMessagesProducedWhileAReadyIsOutComeInTheNextReady() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    n1.readIndex(b("r"));
    Ready rd = n1.ready();
    Message hb = rd.messages().stream()
        .filter(m -> m.type() == MessageType.HeartbeatRequest && m.to().equals("n2")).findFirst()
        .orElseThrow();
    n1.step(new Message(MessageType.HeartbeatResponse, "n2", "n1", hb.term(), 0, 0, List.of(), 0,
        false, 0, hb.context(), null));
    n1.propose(b("a"));
    n1.advance(rd);
    Ready next = n1.ready();
    assertThat(next.readStates()).extracting(rs -> new String(rs.context(), StandardCharsets.UTF_8))
        .containsExactly("r");
    assertThat(next.messages()).anyMatch(m -> m.type() == MessageType.AppendEntriesRequest
        && !m.entries().isEmpty());
  }
  /** A follower that hears its leader restarts its election timer: a live leader is never challenged. */
  @Test
  void followersOfALiveLeaderNeverCampaign() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.events.clear();
    for (int t = 0; t < 100; t++) {
      c.cores.values().forEach(RaftCore::tick);
      c.stabilize();
    }
    assertThat(c.cores.values()).allSatisfy(core -> assertThat(core.term()).isEqualTo(1));
    assertThat(c.get("n1").role()).isEqualTo(Role.Leader);
    assertThat(c.events).noneMatch(e -> e.event().equals("ElectionTimeout"));
  }

  /** A (pre-)candidate gives up only when a quorum refused it; one refusal of three leaves it waiting. */
  @Test
  void oneRefusalOfThreeDoesNotEndTheCandidacy() {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null)));
    d.setHardState(new HardState(2, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(true, false), d, new SplitMixRandom(1));
    c.campaign();
    assertThat(c.role()).isEqualTo(Role.PreCandidate);
    c.step(answer(MessageType.PreVoteResponse, "n3", 2, true));
    assertThat(c.role()).isEqualTo(Role.PreCandidate);
    c.step(answer(MessageType.PreVoteResponse, "n1", 3, false));
    assertThat(c.role()).isEqualTo(Role.Candidate);
    c.step(answer(MessageType.RequestVoteResponse, "n3", 3, true));
    assertThat(c.role()).isEqualTo(Role.Candidate);
    c.step(answer(MessageType.RequestVoteResponse, "n1", 3, false));
    assertThat(c.role()).isEqualTo(Role.Leader);
  }

  /**
   * §5.1 (etcd Step): a pre-vote refused with a higher term shows the pre-candidate is behind; it
   * becomes a follower of that term, so its next campaign asks for a term the others can grant.
   */
  @Test
  void aPreVoteRefusedWithAHigherTermTeachesThatTerm() {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null)));
    d.setHardState(new HardState(2, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3")), d,
        new SplitMixRandom(1));
    c.campaign();
    assertThat(c.role()).isEqualTo(Role.PreCandidate);
    c.step(answer(MessageType.PreVoteResponse, "n1", 5, true));
    assertThat(c.role()).isEqualTo(Role.Follower);
    assertThat(c.term()).as("term after a refusal of term 5").isEqualTo(5);
  }

  /**
   * CheckQuorum's lease (etcd inLease: {@code electionElapsed < electionTimeout}): a follower that
   * heard its leader fewer than T ticks ago ignores a higher-term vote request; from T ticks on it
   * answers (a live leader would have been heard by then). Measured on a seed whose randomized
   * timeout exceeds T, so the follower does not campaign itself in between.
   */
  @Test
  void theLeaseIgnoresVoteRequestsForExactlyAnElectionTimeout() {
    long seed = 1;
    while (ticksToTimeout(followerOfTermTwo(seed)) <= 10) { // RaftConfig.defaults: T = 10
      seed++;
    }
    RaftCore c = followerOfTermTwo(seed);
    for (int t = 0; t < 9; t++) {
      c.tick();
    }
    c.step(new Message(MessageType.RequestVoteRequest, "n3", "n2", 3, 1, 1, List.of(), 0, false, 0,
        null, null));
    assertThat(c.term()).as("9 ticks after the leader's heartbeat").isEqualTo(2);
    assertThat(c.ready().messages()).isEmpty();
    c.tick();
    c.step(new Message(MessageType.RequestVoteRequest, "n3", "n2", 3, 1, 1, List.of(), 0, false, 0,
        null, null));
    assertThat(c.term()).as("10 ticks after the leader's heartbeat").isEqualTo(3);
    assertThat(c.vote()).isEqualTo("n3");
  }

  /** n2 of three in term 2 that has just heard leader n1's heartbeat (PreVote and CheckQuorum on). */
  private static RaftCore followerOfTermTwo(long seed) {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null)));
    d.setHardState(new HardState(2, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3")), d,
        new SplitMixRandom(seed));
    c.step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 2));
    c.advance(c.ready());
    return c;
  }

  private static int ticksToTimeout(RaftCore c) {
    int ticks = 0;
    while (c.role() == Role.Follower) {
      c.tick();
      ticks++;
    }
    return ticks;
  }

  private static Message answer(MessageType type, String from, long term, boolean reject) {
    return new Message(type, from, "n2", term, 0, 0, List.of(), 0, reject, 0, null, null);
  }

  // ---- second hunt (implementation/HUNTS.md): snapshots and Ready bookkeeping

  /**
   * Ready contract: a snapshot that arrives while the previous snapshot's Ready is out is the next
   * Ready's; advance drops only the snapshot it handed out (etcd unstable.stableSnapTo checks the
   * index), so the newer one is persisted before its acknowledgement goes out.
   */
  @Test
  void aSnapshotArrivingWhileAnotherIsOutComesInTheNextReady() {
    MemoryStorage d = new MemoryStorage();
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3")), d,
        new SplitMixRandom(1));
    c.step(snapshotRequest(1, new Snapshot(3, 1, b("s3"))));
    Ready rd = c.ready();
    assertThat(rd.snapshot().index()).isEqualTo(3);
    c.step(snapshotRequest(1, new Snapshot(5, 1, b("s5"))));
    List<Message> sent = new ArrayList<>();
    MemoryReadyHandler disk = new MemoryReadyHandler(d, sent::add, e -> { }, r -> { });
    ReadyLoop.handle(c, rd, disk);
    Ready next = c.ready();
    assertThat(next.snapshot()).as("the snapshot that came while snapshot@3 was out").isNotNull()
        .extracting(Snapshot::index).isEqualTo(5L);
    ReadyLoop.drain(c, disk);
    assertThat(d.snapshot().index()).isEqualTo(5);
    assertThat(sent).filteredOn(m -> m.type() == MessageType.AppendEntriesResponse)
        .extracting(Message::index).containsExactly(3L, 5L);
    assertThat(c.lastIndex()).isEqualTo(5);
  }

  /**
   * §7: a snapshot whose last entry the follower's log does not match replaces the whole log,
   * entries not yet persisted included; the follower then holds (and acknowledges) exactly the
   * snapshot. n2 holds 1/t1, 2/t2 on disk and has just appended 3/t2 (no Ready yet) from the deposed
   * leader n3 when n1 of term 3 sends snapshot@2/t3.
   */
  @Test
  void aSnapshotThatDoesNotMatchReplacesTheUnpersistedTailToo() {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null), new Entry(2, 2, null)));
    d.setHardState(new HardState(2, "n3", 1));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(false, false), d, new SplitMixRandom(1));
    c.step(new Message(MessageType.AppendEntriesRequest, "n3", "n2", 2, 2, 2,
        List.of(new Entry(2, 3, b("x"))), 1, false, 0, null, null));
    assertThat(c.lastIndex()).isEqualTo(3);
    c.step(snapshotRequest(3, new Snapshot(2, 3, b("s2"))));
    assertThat(c.lastIndex()).as("log after snapshot@2/t3").isEqualTo(2);
    assertThat(c.termAt(2)).isEqualTo(3);
    List<Message> sent = new ArrayList<>();
    ReadyLoop.drain(c, new MemoryReadyHandler(d, sent::add, e -> { }, r -> { }));
    assertThat(d.lastIndex()).as("n2's disk").isEqualTo(2);
    assertThat(sent).filteredOn(m -> m.to().equals("n1")).singleElement()
        .satisfies(m -> assertThat(m.index()).isEqualTo(2));
  }

  /**
   * A leader waits an election timeout for a snapshot's answer before it counts the snapshot as
   * lost and sends another (etcd: the transport reports a failed snapshot; plumbline's stand-in is
   * the election timeout): a snapshot is large, resending it every heartbeat floods a slow link.
   */
  @Test
  void aLostSnapshotIsSentAgainOnlyAfterAnElectionTimeout() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.deliverAll(m -> !m.to().equals("n3"));
    c.drop(m -> m.to().equals("n3"));
    c.disks.get("n1").createSnapshot(2, b("state"));
    c.disks.get("n1").compact(2);
    Predicate<Message> noSnapshot = m -> m.type() != MessageType.SnapshotRequest;
    c.events.clear();
    c.get("n1").tick();
    c.deliverAll(noSnapshot);
    assertThat(snapshotsSent(c)).as("n3 is behind the compaction point").isEqualTo(1);
    c.drop(m -> true); // the snapshot is lost
    for (int t = 1; t < 10; t++) { // RaftConfig.defaults: election timeout 10 ticks
      c.get("n1").tick();
      c.deliverAll(noSnapshot);
      assertThat(snapshotsSent(c)).as("%d ticks after the snapshot was sent", t).isEqualTo(1);
    }
    for (int t = 10; t < 13; t++) {
      c.get("n1").tick();
      c.deliverAll(noSnapshot);
    }
    assertThat(snapshotsSent(c)).as("after an election timeout without an answer").isEqualTo(2);
  }

  /**
   * A leader sends a snapshot only to a follower it heard from since the last CheckQuorum round
   * (etcd maybeSendSnapshot: "not recently active"): a snapshot to a member that is down is wasted.
   * Once the follower answers again, it gets one.
   */
  @Test
  void aSnapshotGoesOnlyToAFollowerHeardFromRecently() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.deliverAll(m -> !m.to().equals("n3"));
    c.drop(m -> m.to().equals("n3"));
    c.disks.get("n1").createSnapshot(2, b("s2"));
    c.disks.get("n1").compact(2);
    c.events.clear();
    c.get("n1").tick();
    c.deliverAll(m -> m.type() != MessageType.SnapshotRequest);
    assertThat(snapshotsSent(c)).isEqualTo(1);
    Predicate<Message> withoutN3 = m -> !m.to().equals("n3") && !m.from().equals("n3");
    c.drop(withoutN3.negate()); // n3 is down from now on
    c.get("n1").propose(b("b"));
    c.deliverAll(withoutN3);
    c.disks.get("n1").createSnapshot(3, b("s3"));
    c.disks.get("n1").compact(3);
    for (int t = 0; t < 25; t++) { // the snapshot retry and two CheckQuorum rounds pass
      c.get("n1").tick();
      c.deliverAll(withoutN3);
      c.drop(withoutN3.negate());
    }
    assertThat(c.get("n1").role()).isEqualTo(Role.Leader);
    c.get("n1").propose(b("c")); // n3 needs snapshot@3 now
    c.deliverAll(withoutN3);
    assertThat(snapshotsSent(c)).as("n3 silent for a CheckQuorum round").isEqualTo(1);
    c.drop(withoutN3.negate());
    c.get("n1").tick();
    c.deliverAll(m -> m.type() != MessageType.SnapshotRequest);
    assertThat(snapshotsSent(c)).as("n3 answered a heartbeat").isEqualTo(2);
  }

  /**
   * Flow control: once a follower answers the leader's probe, the leader pipelines the entries it
   * is missing at once, as many messages as the in-flight window allows (etcd: Probe to Replicate,
   * then sendAppend until paused), instead of one message per acknowledgement.
   */
  @Test
  void anAnsweredProbeFillsTheInflightWindowAtOnce() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withFlowControl(4, 1)).elect("n1"); // one entry a message
    Predicate<Message> withoutN2 = m -> !m.to().equals("n2") && !m.from().equals("n2");
    for (int i = 0; i < 8; i++) {
      c.get("n1").propose(b("e" + i));
    }
    c.deliverAll(withoutN2);
    c.drop(withoutN2.negate()); // n2 lost all eight
    c.get("n1").tick();
    c.process();
    for (int step = 0; step < 100; step++) {
      Message m = c.queue.stream().filter(withoutN2.negate()).findFirst().orElseThrow();
      c.queue.remove(m);
      Progress pr = c.get("n1").progressOf("n2");
      boolean probeAnswer = m.type() == MessageType.AppendEntriesResponse && !m.reject()
          && pr.state == Progress.State.Probe;
      c.get(m.to()).step(m);
      c.process();
      if (probeAnswer) {
        long missing = c.get("n1").lastIndex() - pr.match;
        assertThat(c.queue).as("appends to n2 after its probe's answer (%d entries missing)", missing)
            .filteredOn(x -> x.to().equals("n2") && !x.entries().isEmpty())
            .hasSize((int) Math.min(4, missing));
        return;
      }
    }
    throw new AssertionError("n2's probe was never answered");
  }

  /**
   * A leader that advances its commit index tells the followers at once (etcd: bcastAppend after
   * maybeCommit), so they apply without waiting for the next heartbeat: no tick below.
   */
  @Test
  void followersLearnACommitWithoutWaitingForAHeartbeat() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.stabilize();
    assertThat(c.cores.values()).allSatisfy(core -> assertThat(core.commitIndex())
        .as("%s's commit index", core.id()).isEqualTo(2));
  }

  // ---- fourth hunt (implementation/HUNTS.md): flow control, terms of
  // answers, CheckQuorum's period, read rounds, Ready bookkeeping

  /**
   * Flow control (etcd: a heartbeat answer frees one slot only of a full window): an append not yet
   * acknowledged keeps its slot, so a window of 2 with one append to n2 outstanding lets exactly one
   * more go, however many heartbeats n2 answers meanwhile.
   */
  @Test
  void aHeartbeatAnswerFreesAnInflightSlotOnlyOfAFullWindow() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withFlowControl(2, 1)).elect("n1");
    Predicate<Message> n2 = m -> m.to().equals("n2") || m.from().equals("n2");
    c.get("n1").propose(b("a"));
    c.drop(m -> m.to().equals("n2")); // n2's append of "a" is lost: one slot of two in use
    c.deliverAll(n2.negate());
    for (int t = 0; t < 3; t++) {
      c.get("n1").tick();
      c.deliverAll(m -> m.type() == MessageType.HeartbeatRequest
          || m.type() == MessageType.HeartbeatResponse);
      c.drop(n2); // the probes the answers trigger are lost too
      c.deliverAll(n2.negate());
    }
    c.get("n1").propose(b("b"));
    c.get("n1").propose(b("c"));
    c.process();
    assertThat(c.queue).as("appends with entries to n2 (window 2, one outstanding)")
        .filteredOn(m -> m.to().equals("n2") && !m.entries().isEmpty()).hasSize(1);
  }

  /**
   * Probe (etcd MsgAppResp reject: pr.MaybeDecrTo unpauses): a rejection answers the outstanding
   * probe, so the leader may send the next probe at once instead of waiting for a heartbeat.
   */
  @Test
  void aRejectedProbeIsFollowedAtOnceByTheNextOne() {
    Progress pr = new Progress(5, 4);
    pr.probeSent = true;
    assertThat(pr.isPaused()).isTrue();
    assertThat(pr.maybeDecrTo(4, 1)).isTrue();
    assertThat(pr.next).isEqualTo(2);
    assertThat(pr.isPaused()).as("after the probe's rejection").isFalse();
  }

  /**
   * A rejection of an append at or below what the follower already acknowledged is stale (it
   * answers an older message, overtaken by its success): a Replicate follower stays Replicate.
   */
  @Test
  void aStaleRejectionLeavesAReplicatingFollowerAlone() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.stabilize();
    Progress pr = c.get("n1").progressOf("n2");
    assertThat(pr.state).isEqualTo(Progress.State.Replicate);
    c.get("n1").step(new Message(MessageType.AppendEntriesResponse, "n2", "n1", 1, 0, 1, List.of(),
        0, true, 1, null, null));
    assertThat(pr.state).as("after a rejection of index 1, match %d", pr.match)
        .isEqualTo(Progress.State.Replicate);
    assertThat(pr.next).isEqualTo(3);
  }

  /**
   * etcd Step: only a leader's message (append, heartbeat, snapshot) of a higher term names the
   * leader; any other (an answer, a vote request) makes us a follower that knows no leader yet. A
   * deposed leader that believed its follower leads would sit in the lease, ignoring candidates.
   */
  @Test
  void aHigherTermAnswerMakesALeaderAFollowerOfNoKnownLeader() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").step(new Message(MessageType.AppendEntriesResponse, "n2", "n1", 2, 0, 0, List.of(),
        0, true, 0, null, null));
    assertThat(c.get("n1").role()).isEqualTo(Role.Follower);
    assertThat(c.get("n1").term()).isEqualTo(2);
    assertThat(c.get("n1").lead()).as("leader after a term-2 answer from n2").isNull();
  }

  /**
   * etcd becomePreCandidate: campaigning means the leader is gone, so a pre-candidate knows no
   * leader; it is out of the lease and answers another candidate's higher-term vote request.
   */
  @Test
  void aPreCandidateKnowsNoLeader() {
    RaftCore c = followerOfTermTwo(1);
    c.campaign();
    assertThat(c.role()).isEqualTo(Role.PreCandidate);
    assertThat(c.lead()).isNull();
    assertThat(c.ready().softState().lead()).isNull();
    c.step(new Message(MessageType.RequestVoteRequest, "n3", "n2", 3, 1, 1, List.of(), 0, false, 0,
        null, null));
    assertThat(c.term()).isEqualTo(3);
    assertThat(c.vote()).as("vote for term-3 candidate n3").isEqualTo("n3");
  }

  /**
   * CheckQuorum runs once per election timeout and asks for contact since the previous run: a
   * leader whose followers answer once in every 10 ticks (at ticks 5, 15, 25) keeps leading.
   */
  @Test
  void checkQuorumAsksForContactOncePerElectionTimeout() {
    TestCluster c = new TestCluster(3).elect("n1");
    for (int t = 1; t <= 30; t++) { // RaftConfig.defaults: election timeout 10 ticks
      c.get("n1").tick();
      if (t % 10 == 5) {
        c.stabilize();
      } else {
        c.process();
        c.drop(m -> true);
      }
      assertThat(c.get("n1").role()).as("tick %d", t).isEqualTo(Role.Leader);
    }
  }

  /**
   * ReadIndex (etcd readOnly: heartbeats carry the newest pending context, its quorum serves every
   * older read): reads whose own rounds were lost are all served by the next heartbeat round.
   */
  @Test
  void readsWhoseRoundsWereLostAreAllServedByTheNextHeartbeat() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").readIndex(b("a"));
    c.get("n1").readIndex(b("b"));
    c.process();
    c.drop(m -> true);
    c.get("n1").tick();
    c.stabilize();
    assertThat(c.reads.get("n1")).extracting(rs -> new String(rs.context(), StandardCharsets.UTF_8))
        .containsExactly("a", "b");
  }

  /** Ready contract: advance marks every entry the Ready handed out stable; none is handed out twice. */
  @Test
  void entriesAreHandedOutForPersistingOnce() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    n1.propose(b("a"));
    n1.propose(b("b"));
    Ready rd = n1.ready();
    assertThat(rd.entries()).hasSize(2);
    ReadyLoop.handle(n1, rd, new MemoryReadyHandler(c.disks.get("n1"), m -> { }, e -> { }, r -> { }));
    assertThat(n1.ready().entries()).as("entries of the next Ready").isEmpty();
  }

  /**
   * Ready contract: a vote granted while a Ready is out is the next Ready's hard state; advance
   * records as persisted only the hard state it handed out (etcd RawNode.Advance), so the vote is
   * on disk before its grant is sent and survives a restart.
   */
  @Test
  void aVoteGrantedWhileAReadyIsOutIsPersistedByTheNextReady() {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null)));
    d.setHardState(new HardState(2, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3"))
        .withPreVoteAndCheckQuorum(false, false), d, new SplitMixRandom(1));
    c.step(new Message(MessageType.HeartbeatRequest, "n1", "n2", 2, 0, 0, List.of(), 1, false, 0,
        null, null));
    Ready rd = c.ready();
    c.step(new Message(MessageType.RequestVoteRequest, "n3", "n2", 3, 1, 1, List.of(), 0, false, 0,
        null, null));
    List<HardState> onDiskAtGrant = new ArrayList<>();
    MemoryReadyHandler disk = new MemoryReadyHandler(d, m -> {
      if (m.type() == MessageType.RequestVoteResponse && !m.reject()) {
        onDiskAtGrant.add(d.initialState());
      }
    }, e -> { }, r -> { });
    ReadyLoop.handle(c, rd, disk);
    ReadyLoop.drain(c, disk);
    assertThat(onDiskAtGrant).singleElement().isEqualTo(new HardState(3, "n3", 1));
    RaftCore restarted = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3")), d,
        new SplitMixRandom(1));
    assertThat(restarted.vote()).isEqualTo("n3");
  }

  /**
   * Ready contract: a role change while a Ready is out is the next Ready's soft state (the store's
   * shell starts and stops leader duties on it); advance records only the soft state it handed out.
   */
  @Test
  void aRoleChangeWhileAReadyIsOutComesInTheNextReady() {
    MemoryStorage d = new MemoryStorage();
    d.append(List.of(new Entry(1, 1, null)));
    d.setHardState(new HardState(2, null, 0));
    RaftCore c = RaftCore.create(RaftConfig.defaults("n2", List.of("n1", "n2", "n3")), d,
        new SplitMixRandom(1));
    c.step(Message.of(MessageType.HeartbeatRequest, "n1", "n2", 2));
    Ready rd = c.ready();
    assertThat(rd.softState()).isEqualTo(new SoftState("n1", Role.Follower));
    c.campaign();
    c.advance(rd);
    assertThat(c.ready().softState()).as("soft state of the next Ready")
        .isEqualTo(new SoftState(null, Role.PreCandidate));
  }

  /**
   * Thesis §6.4 step 1 (etcd readOnly records raftLog.committed): a read waits for the commit index
   * at its arrival, not for entries still being replicated, so it is not held up by proposals in
   * flight (or by entries a deposed leader's successor overwrites).
   */
  @Test
  void aReadWaitsForTheCommitIndexNotTheLastIndex() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.process();
    c.drop(m -> true); // "a" stays uncommitted
    SubmitResult r = c.get("n1").readIndex(b("r"));
    assertThat(c.get("n1").lastIndex()).isEqualTo(2);
    assertThat(r.index()).as("the read's index").isEqualTo(c.get("n1").commitIndex()).isEqualTo(1);
  }

  private static long snapshotsSent(TestCluster c) {
    return c.events.stream().filter(e -> e.event().equals("SendSnapshot")).count();
  }

  private static Message snapshotRequest(long term, Snapshot s) {
    return new Message(MessageType.SnapshotRequest, "n1", "n2", term, s.term(), s.index(), List.of(),
        s.index(), false, 0, null, s);
  }
}
