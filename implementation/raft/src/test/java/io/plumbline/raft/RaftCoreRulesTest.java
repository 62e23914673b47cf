package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Rules that hand edits of the core broke without any other test noticing (implementation/README,
 * "Beyond the catalogue"): each test states one rule on the smallest cluster that shows it.
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

  private static Message answer(MessageType type, String from, long term, boolean reject) {
    return new Message(type, from, "n2", term, 0, 0, List.of(), 0, reject, 0, null, null);
  }
}
