package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Rules that hand edits of the seventh hunt (implementation/HUNTS.md) broke while every other test
 * but golden transcripts and pinned seeds passed: each test states one rule on the smallest
 * cluster that shows it, with the etcd-io/raft behaviour it follows.
 */
class RaftCoreHuntSevenRulesTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long appendsTo(TestCluster c, String to) {
    c.process();
    return c.queue.stream()
        .filter(m -> m.type() == MessageType.AppendEntriesRequest && m.to().equals(to)).count();
  }

  /** The first queued heartbeat to {@code to} (after every pending Ready), left in the queue. */
  private static Message firstHeartbeatTo(TestCluster c, String to) {
    c.process();
    return c.queue.stream()
        .filter(m -> m.type() == MessageType.HeartbeatRequest && m.to().equals(to))
        .findFirst().orElseThrow();
  }

  /**
   * A heartbeat answer from a follower that lacks entries the leader has, committed or not, sends
   * them again (etcd stepLeader, MsgHeartbeatResp: {@code if pr.Match < r.raftLog.lastIndex()}
   * sendAppend). An append lost in the network is otherwise resent only when a new proposal comes:
   * with one member down, the entry it carries never commits.
   */
  @Test
  void aHeartbeatAnswerResendsEntriesTheFollowerLacksEvenUncommittedOnes() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    n1.propose(bytes("x"));
    c.process();
    c.drop(m -> true); // the appends carrying x are lost
    long x = n1.lastIndex();
    assertThat(n1.commitIndex()).isEqualTo(x - 1);
    n1.tick(); // heartbeat round; n3 is cut off, n2 answers
    c.deliverAll(m -> !m.to().equals("n3") && !m.from().equals("n3"));
    assertThat(n1.commitIndex()).as("x commits with n2 once n2's heartbeat answer brings it x again")
        .isEqualTo(x);
  }

  /**
   * A new leader does not know where its followers' logs match its own, so it probes each one
   * first: one append, then nothing more to that follower until it answers (etcd becomeLeader →
   * reset: every follower's Progress starts in StateProbe at lastIndex + 1; only the leader's own
   * becomes Replicate). Starting in Replicate pipelines a whole in-flight window of appends to a
   * follower whose log may diverge, each one rejected.
   */
  @Test
  void aNewLeaderProbesEachFollowerBeforeItPipelines() {
    TestCluster c = new TestCluster(3);
    RaftCore n1 = c.get("n1");
    n1.campaign();
    c.deliverAll(m -> m.type() != MessageType.AppendEntriesRequest
        && m.type() != MessageType.HeartbeatRequest);
    assertThat(n1.role()).isEqualTo(Role.Leader);
    assertThat(n1.progressView().get("n2")).startsWith("Probe");
    n1.propose(bytes("a"));
    n1.propose(bytes("b"));
    assertThat(appendsTo(c, "n2")).as("appends to n2 before it answered the first").isEqualTo(1);
  }

  /**
   * A ReadIndex round counts each member's acknowledgement once, however many copies of its
   * heartbeat answer arrive (etcd readOnly.recvAck keeps a set of ids; thesis §6.4 step 3 needs
   * a quorum of members). The simulator's network duplicates messages: counting copies, a leader
   * of five cut off with one follower serves a read on n1 + n2 + n2 while a new leader of the other
   * three may already have committed writes the read does not see.
   */
  @Test
  void aDuplicatedHeartbeatAnswerCountsOnceForAReadIndexRound() {
    TestCluster c = new TestCluster(5).elect("n1");
    RaftCore n1 = c.get("n1");
    n1.readIndex(bytes("r"));
    Message toN2 = firstHeartbeatTo(c, "n2");
    c.drop(m -> true); // only n2 hears the round
    c.get("n2").step(toN2);
    c.process();
    Message answer = c.queue.remove(0);
    assertThat(answer.type()).isEqualTo(MessageType.HeartbeatResponse);
    n1.step(answer);
    n1.step(answer); // a duplicate
    c.process();
    assertThat(c.reads.get("n1")).as("n1 and n2 of five are not a quorum").isEmpty();
  }

  /**
   * A quorum's acknowledgement of one read's round releases that read and the reads before it,
   * never a read that arrived after the round began (etcd readOnly.advance stops at the
   * acknowledged context; thesis §6.4: the leader must still lead after the read arrived). The
   * later read waits for its own round.
   */
  @Test
  void aRoundReleasesNoReadThatArrivedAfterItBegan() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    n1.readIndex(bytes("r1"));
    Message round1 = firstHeartbeatTo(c, "n2");
    n1.readIndex(bytes("r2"));
    c.process();
    c.drop(m -> true); // only r1's round reaches n2
    c.get("n2").step(round1);
    c.deliverAll(m -> true);
    assertThat(c.reads.get("n1")).extracting(rs -> new String(rs.context(), StandardCharsets.UTF_8))
        .as("reads served by r1's round").containsExactly("r1");
  }

  /**
   * A Ready hands out committed entries up to {@code maxCommittedSizePerReady} bytes, at least one
   * (etcd Config.MaxCommittedSizePerReady): the bound keeps one Ready from carrying a whole
   * backlog into memory at once, e.g. after a restart or a snapshot's catch-up.
   */
  @Test
  void aReadyCarriesCommittedEntriesUpToItsSizeBound() {
    TestCluster c = new TestCluster(1, cfg -> cfg.withMaxCommittedSizePerReady(1)).elect("n1");
    RaftCore n1 = c.get("n1");
    for (String v : new String[] {"a", "b", "c"}) {
      n1.propose(bytes(v));
    }
    assertThat(n1.ready().committedEntries()).as("one entry per Ready at a bound of one byte")
        .hasSize(1);
  }

  /**
   * A role change is reported by the next Ready even when nothing else changed (etcd
   * RawNode.HasReady compares the soft state with the last one handed out): a leader that steps
   * down by CheckQuorum sends nothing, and its node shell must still learn that it no longer leads.
   */
  @Test
  void aLeaderDeposedByCheckQuorumReportsItsNewRoleAtOnce() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    while (n1.role() == Role.Leader) {
      c.process();
      c.drop(m -> true); // no follower answers
      n1.tick();
    }
    assertThat(n1.hasReady()).as("a Ready after the step-down").isTrue();
    assertThat(n1.ready().softState()).isEqualTo(new SoftState(null, Role.Follower));
  }

  /**
   * Every election round draws a fresh randomized timeout (etcd reset →
   * resetRandomizedElectionTimeout, on every term change): members that drew the same timeout once
   * must not split their votes again in every later round. A lone candidate's 20 rounds take
   * timeouts of several lengths, each in [T, 2T).
   */
  @Test
  void eachElectionRoundDrawsAFreshRandomizedTimeout() {
    TestCluster c = new TestCluster(3, cfg -> cfg.withPreVoteAndCheckQuorum(false, false));
    RaftCore n1 = c.get("n1");
    java.util.List<Integer> rounds = new java.util.ArrayList<>();
    long term = n1.term();
    int ticks = 0;
    while (rounds.size() < 20) {
      n1.tick();
      ticks++;
      c.process();
      c.drop(m -> true); // nobody answers: each timeout starts the next round
      if (n1.term() != term) {
        rounds.add(ticks);
        ticks = 0;
        term = n1.term();
      }
    }
    assertThat(rounds).allSatisfy(t -> assertThat(t).isBetween(10, 19));
    assertThat(new java.util.TreeSet<>(rounds)).as("distinct timeouts of 20 rounds: %s", rounds)
        .hasSizeGreaterThan(1);
  }

  /**
   * An acknowledgement of the oldest of several pipelined appends leaves the next index where the
   * newest one put it (etcd Progress.MaybeUpdate: {@code pr.Next = max(pr.Next, n+1)}): the later
   * appends are still in flight, and sending their entries again doubles the traffic of every
   * pipelined follower.
   */
  @Test
  void anAcknowledgementOfAnEarlierAppendSendsNothingThatIsStillInFlight() {
    TestCluster c = new TestCluster(3).elect("n1");
    RaftCore n1 = c.get("n1");
    for (String v : new String[] {"a", "b", "c"}) {
      n1.propose(bytes(v));
    }
    c.process();
    Message first = c.queue.stream().filter(m -> m.to().equals("n2")).findFirst().orElseThrow();
    c.queue.remove(first);
    c.get("n2").step(first);
    c.process();
    Message ack = c.queue.stream().filter(m -> m.to().equals("n1")).findFirst().orElseThrow();
    c.queue.remove(ack);
    n1.step(ack); // acknowledges a; b and c are still in flight to n2
    c.process();
    java.util.List<Long> sent = c.queue.stream()
        .filter(m -> m.type() == MessageType.AppendEntriesRequest && m.to().equals("n2"))
        .flatMap(m -> m.entries().stream()).map(Entry::index).toList();
    assertThat(sent).as("entries sent to n2, each once").doesNotHaveDuplicates()
        .containsExactly(n1.lastIndex() - 1, n1.lastIndex());
  }
}
