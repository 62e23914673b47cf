package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimClock;
import io.plumbline.store.sim.SimDisk;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A restarted member has applied only its snapshot until it re-applies its log: its applied index is the
 * snapshot's, not the persisted commit index (a ReadIndex read waits for the applied index, and a snapshot is
 * taken at it, so claiming entries applied that the MVCC store has not seen serves stale reads and writes a
 * snapshot that skips them). One member on a simulated clock and disk.
 */
class RestartAppliedIndexTest {
  private static final long MS = 1_000_000L;
  private final SimClock clock = new SimClock();
  private long tick;

  private void step(StoreNode node) throws Exception {
    tick++;
    clock.advanceTo(tick * 100 * MS);
    node.runPendingAndTick();
  }

  @Test
  void aRestartedMemberHasAppliedOnlyItsSnapshotUntilItReappliesItsLog() throws Exception {
    StoreConfig c = SoloMember.config();
    SimDisk disk = new SimDisk(new SplitMixRandom(1), DiskFaults.NONE);
    StoreNode node = new StoreNode(c, ev -> { }, clock, disk, SoloMember.noPeers(), 1, java.util.Set.of());
    for (int i = 0; i < 100 && !node.isLeader(); i++) {
      step(node);
    }
    for (int k = 0; k < 3; k++) {
      CompletableFuture<Object> f = node.propose(Command.Type.PUT, PutRequest.newBuilder()
          .setKey(ByteString.copyFromUtf8("k" + k)).setValue(ByteString.copyFromUtf8("v")).build());
      for (int i = 0; i < 50 && !f.isDone(); i++) {
        step(node);
      }
      assertThat(f).isCompleted();
    }
    long applied = node.appliedIndex();
    assertThat(applied).isGreaterThan(3);
    StoreNode restarted = new StoreNode(c, ev -> { }, clock, disk, SoloMember.noPeers(), 2, java.util.Set.of());
    assertThat(restarted.commitIndex()).as("the persisted commit index").isPositive();
    assertThat(restarted.appliedIndex()).as("applied before re-applying the log (no snapshot)").isZero();
    for (int i = 0; i < 100 && restarted.appliedIndex() < applied; i++) {
      step(restarted);
    }
    assertThat(restarted.appliedIndex()).as("applied after re-applying it").isEqualTo(applied);
  }
}
