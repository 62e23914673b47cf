package io.plumbline.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Flow-control rules of the leader found by PIT (implementation/README, "PIT"): edits that sent
 * more or fewer appends than etcd's leader does, which no other test noticed because every other
 * mechanism (heartbeats, retries) repairs them a few ticks later.
 */
class ReplicationRulesTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * etcd stepLeader, MsgHeartbeatResp: the leader sends an append only to a follower that lacks
   * entries ({@code pr.Match < lastIndex}) or is being probed. An idle, caught-up cluster exchanges
   * heartbeats and nothing else.
   */
  @Test
  void aCaughtUpFollowersHeartbeatAnswerTriggersNoAppend() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.stabilize();
    c.events.clear();
    for (int t = 0; t < 5; t++) {
      c.get("n1").tick();
      c.stabilize();
    }
    assertThat(c.events).extracting(TraceEvent::event).as("what n1 sent in five idle ticks")
        .contains("Heartbeat").doesNotContain("AppendEntries");
  }

  /**
   * etcd stepLeader, MsgAppResp in StateSnapshot: once the follower acknowledges an index from
   * which the leader's log continues ({@code match + 1 >= firstIndex}), the leader leaves Snapshot
   * for Replicate and sends the next entries at once, without waiting for the snapshot retry.
   */
  @Test
  void aFollowerThatAcknowledgesItsSnapshotIsReplicatedToAtOnce() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.deliverAll(m -> !m.to().equals("n3"));
    c.drop(m -> m.to().equals("n3"));
    c.disks.get("n1").createSnapshot(2, b("s2"));
    c.disks.get("n1").compact(2);
    c.get("n1").tick(); // heartbeat; n3's answer makes the leader send snapshot@2
    c.stabilize();
    assertThat(c.get("n3").commitIndex()).as("n3 installed snapshot@2").isEqualTo(2);
    Progress pr = c.get("n1").progressOf("n3");
    assertThat(pr.state).as("n3 after acknowledging snapshot@2: %s", pr)
        .isEqualTo(Progress.State.Replicate);
    c.get("n1").propose(b("b"));
    c.stabilize(); // no tick: no heartbeat, no snapshot retry
    assertThat(c.get("n3").lastIndex()).as("n3's log after the next proposal").isEqualTo(3);
    assertThat(c.get("n3").commitIndex()).isEqualTo(3);
  }

  /**
   * {@code Progress.snapshotTicks} (plumbline's stand-in for etcd's ReportSnapshot failure): a
   * snapshot unanswered for an election timeout counts as lost, and the next heartbeat answer gets
   * the follower another one, on the tenth tick after the first, not later.
   */
  @Test
  void aLostSnapshotIsSentAgainExactlyAnElectionTimeoutLater() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.deliverAll(m -> !m.to().equals("n3"));
    c.drop(m -> m.to().equals("n3"));
    c.disks.get("n1").createSnapshot(2, b("s2"));
    c.disks.get("n1").compact(2);
    c.events.clear();
    java.util.function.Predicate<Message> noSnapshot = m -> m.type() != MessageType.SnapshotRequest;
    c.get("n1").tick();
    c.deliverAll(noSnapshot);
    c.drop(m -> true); // the snapshot is lost
    for (int t = 1; t <= 10; t++) { // RaftConfig.defaults: election timeout 10 ticks
      c.get("n1").tick();
      c.deliverAll(noSnapshot);
      c.drop(m -> true);
      assertThat(c.events.stream().filter(e -> e.event().equals("SendSnapshot")).count())
          .as("snapshots sent %d ticks after the first", t).isEqualTo(t < 10 ? 1 : 2);
    }
  }

  /**
   * etcd stepLeader, MsgAppResp: an acknowledgement below what the follower already acknowledged
   * is a stale or duplicated answer ({@code Progress.MaybeUpdate} is false, and only an answer at
   * exactly {@code Match} moves a probed follower back to Replicate); it changes nothing. Here n3's
   * answer to the election's entry (index 1) arrives again while n3 is probed after a rejection
   * (match 2, its probe outstanding): n3 stays in Probe and the leader sends nothing more.
   */
  @Test
  void aStaleAcknowledgementLeavesAProbedFollowerAlone() {
    TestCluster c = new TestCluster(3);
    c.get("n1").campaign();
    c.deliverAll(m -> !m.from().equals("n3") || m.type() != MessageType.AppendEntriesResponse);
    Message stale = c.queue.stream().filter(m -> m.from().equals("n3")).findFirst().orElseThrow();
    assertThat(stale.index()).as("n3's acknowledgement of the election's entry").isEqualTo(1);
    c.stabilize();
    c.get("n1").propose(b("a")); // index 2, acknowledged by n3
    c.stabilize();
    c.get("n1").propose(b("b")); // index 3, lost on the way to n3
    c.process();
    c.drop(m -> m.to().equals("n3"));
    c.deliverAll(m -> !m.to().equals("n3")); // n2 acknowledges 3; the commit goes to n3
    c.deliverAll(m -> m.to().equals("n3")); // n3 lacks 3 and rejects
    c.deliverAll(m -> m.from().equals("n3")); // the leader probes n3 from index 3
    Progress pr = c.get("n1").progressOf("n3");
    assertThat(pr.state).as("n3 after its rejection: %s", pr).isEqualTo(Progress.State.Probe);
    assertThat(pr.match).isEqualTo(2);
    long sentToN3 = c.queue.stream().filter(m -> m.to().equals("n3")).count();
    assertThat(sentToN3).as("the outstanding probe").isEqualTo(1);

    c.get("n1").step(stale);
    c.process();
    assertThat(pr.state).as("n3 after a stale acknowledgement of 1: %s", pr)
        .isEqualTo(Progress.State.Probe);
    assertThat(c.queue.stream().filter(m -> m.to().equals("n3")).count())
        .as("messages to n3 after a stale acknowledgement").isEqualTo(sentToN3);
    c.stabilize();
    assertThat(c.get("n3").lastIndex()).as("the probe still brings n3 up to date").isEqualTo(3);
  }

  /**
   * etcd-io/raft stepLeader, MsgAppResp in StateSnapshot: the leader leaves Snapshot as soon as
   * the follower's acknowledgement reaches its log again ({@code pr.Match+1 >= firstIndex}), not
   * only once the snapshot itself is acknowledged ({@code Match >= PendingSnapshot}, etcd 3.4).
   * Here n1 snapshots at 5 but compacts only through 2; n3 rejects an append it got out of order,
   * so n1 sends it snapshot@5, and then n3's answer to the earlier append (index 2) arrives: n1
   * replicates to n3 from index 3 at once.
   */
  @Test
  void anAcknowledgementThatReachesTheLogAgainEndsTheSnapshotState() {
    TestCluster c = new TestCluster(3).elect("n1");
    for (String v : new String[] {"a", "b", "c", "d"}) { // indexes 2..5; n3 gets none yet
      c.get("n1").propose(b(v));
      c.deliverAll(m -> !m.to().equals("n3"));
    }
    assertThat(c.get("n1").commitIndex()).isEqualTo(5);
    Message first = c.queue.stream()
        .filter(m -> m.to().equals("n3") && m.index() == 1 && !m.entries().isEmpty())
        .findFirst().orElseThrow();
    c.queue.remove(first); // the append of index 2 is delayed
    c.disks.get("n1").createSnapshot(5, b("s5"));
    c.disks.get("n1").compact(2);
    c.deliverAll(m -> m.to().equals("n3") && m.type() == MessageType.AppendEntriesRequest);
    c.deliverAll(m -> m.from().equals("n3")); // n3 rejected: n1 probes from 2, compacted: snapshot
    Progress pr = c.get("n1").progressOf("n3");
    assertThat(pr.state).as("n3 after its rejection: %s", pr).isEqualTo(Progress.State.Snapshot);
    c.drop(m -> m.to().equals("n3")); // snapshot@5 still on its way; leave it out

    c.queue.add(first);
    c.deliverAll(m -> m.to().equals("n3")); // n3 appends 2 and acknowledges it
    c.deliverAll(m -> m.from().equals("n3"));
    assertThat(pr.state).as("n3 after acknowledging 2 (first index 3): %s", pr)
        .isEqualTo(Progress.State.Replicate);
    c.stabilize(); // no tick: no snapshot retry
    assertThat(c.get("n3").lastIndex()).as("n3's log without the snapshot").isEqualTo(5);
    assertThat(c.get("n3").commitIndex()).isEqualTo(5);
  }

  /**
   * etcd raft.maybeCommit/bcastAppend: the leader broadcasts only when its commit index moves. A
   * follower catching up on an entry already committed advances its match and nothing else: no
   * AdvanceCommitIndex, no message to the other followers.
   */
  @Test
  void anAcknowledgementThatCommitsNothingNewSendsNothing() {
    TestCluster c = new TestCluster(3).elect("n1");
    c.get("n1").propose(b("a"));
    c.deliverAll(m -> !m.to().equals("n3")); // n2's acknowledgement commits 2
    assertThat(c.get("n1").commitIndex()).isEqualTo(2);
    c.events.clear();
    c.deliverAll(m -> m.to().equals("n3")); // n3 appends 2
    c.deliverAll(m -> m.from().equals("n3")); // and acknowledges it
    assertThat(c.get("n1").progressOf("n3").match).isEqualTo(2);
    assertThat(c.queue).as("messages after n3 acknowledged the committed entry 2")
        .noneMatch(m -> m.from().equals("n1"));
    assertThat(c.events).extracting(TraceEvent::event).doesNotContain("AdvanceCommitIndex");
  }
}
