package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimDisk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A linearizable read on a member that has not applied what the leader committed waits for its own
 * apply (etcd's read loop: applied ≥ read index), not only for the ReadIndex round: three store nodes
 * driven tick by tick on a simulated clock and network that withholds the leader's appends from one
 * follower, which still answers heartbeats and so confirms the leader's ReadIndex rounds.
 */
class ReadWaitsForApplyTest {
  private String starved; // appends to this member are dropped while set
  private TickedCluster sim;

  @Test
  void aFollowerReadWaitsUntilItHasAppliedTheReadIndex() throws Exception {
    sim = new TickedCluster(List.of("n1", "n2", "n3"), c -> c,
        (n, seed) -> new SimDisk(new SplitMixRandom(seed), DiskFaults.NONE), seed -> seed + 1,
        (from, to, batch) -> batch.stream()
            .filter(m -> !(to.equals(starved) && m.type() == MessageType.AppendEntriesRequest)).toList());
    StoreNode leader = sim.stepUntilLeader(500);
    assertThat(leader).as("a leader within 500 ticks").isNotNull();
    for (int i = 0; i < 20; i++) {
      sim.step(); // every member learns the leader and applies what is committed so far
    }
    StoreNode leaderNode = leader;
    StoreNode follower = sim.nodes.values().stream().filter(n -> n != leaderNode).findFirst().orElseThrow();
    starved = follower.config().name();

    ByteString key = ByteString.copyFromUtf8("k");
    CompletableFuture<Object> put = leader.propose(Command.Type.PUT,
        PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("v")).build());
    for (int i = 0; i < 50 && !put.isDone(); i++) {
      sim.step();
    }
    assertThat(put).as("the put commits on the leader and the other follower").isCompleted();
    assertThat(follower.appliedIndex()).as("the starved follower has not applied it")
        .isLessThan(leader.appliedIndex());

    RangeRequest get = RangeRequest.newBuilder().setKey(key).build();
    // as KvService: the read runs when the barrier completes (on the loop thread, maybe inside the apply)
    CompletableFuture<Long> seen = follower.readBarrier().thenApply(v -> follower.read(m -> m.range(get)).getCount());
    for (int i = 0; i < 30 && !seen.isDone(); i++) { // ReadIndex rounds complete (heartbeats flow); appends do not
      sim.step();
    }
    if (seen.isDone()) {
      assertThat(seen.join()).as("a read released by the barrier sees the acknowledged put").isEqualTo(1);
    }
    assertThat(seen).as("the read waits while the follower lags").isNotDone();
    starved = null;
    for (int i = 0; i < 50 && !seen.isDone(); i++) {
      sim.step();
    }
    assertThat(seen).as("the read completes once the follower has caught up").isCompleted();
    assertThat(seen.join()).as("and sees the acknowledged put").isEqualTo(1);
  }
}
