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
}
