package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.mvcc.RevisionEvents;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimClock;
import io.plumbline.store.sim.SimDisk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A lease on the node that ships, on a simulated clock (one member, 100 ms ticks): keep-alives sent to
 * the leader keep it past its TTL and answer that TTL; once they stop, it expires not before its TTL
 * has passed since the last one, and its keys are deleted in one revision with the revoke.
 */
class LeaseOnTheLeaderTest {
  private static final long MS = 1_000_000L;
  private final SimClock clock = new SimClock();
  private final List<long[]> deletions = new ArrayList<>(); // [revision, time, events]
  private StoreNode node;
  private long tick;

  private void step() throws Exception {
    tick++;
    clock.advanceTo(tick * 100 * MS);
    node.runPendingAndTick();
  }

  private <T> T await(CompletableFuture<T> f) throws Exception {
    for (int i = 0; i < 50 && !f.isDone(); i++) {
      step();
    }
    assertThat(f).isCompleted();
    return f.join();
  }

  @Test
  void keepAlivesHoldALeasePastItsTtlAndItExpiresNotBeforeItsTtlAfterTheLast() throws Exception {
    StoreConfig c = SoloMember.config();
    node = new StoreNode(c, this::observe, clock, new SimDisk(new SplitMixRandom(1), DiskFaults.NONE), SoloMember.noPeers(), 1,
        java.util.Set.of());
    for (int i = 0; i < 100 && !node.isLeader(); i++) {
      step();
    }
    assertThat(node.isLeader()).isTrue();
    await(node.propose(Command.Type.LEASE_GRANT, LeaseGrantRequest.newBuilder().setID(7).setTTL(5).build()));
    for (String k : List.of("a", "b")) {
      await(node.propose(Command.Type.PUT, PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(k))
          .setValue(ByteString.copyFromUtf8("v")).setLease(7).build()));
    }
    long lastKeepAlive = 0;
    for (int second = 0; second < 20; second++) { // 20 s of keep-alives, one a second: four times its TTL
      assertThat(await(node.leaseRenew(7))).as("a keep-alive answers the lease's TTL").isEqualTo(5);
      lastKeepAlive = clock.nanoTime();
      for (int i = 0; i < 10; i++) {
        step();
      }
    }
    assertThat(deletions).as("no key of a kept-alive lease is deleted").isEmpty();
    long count = node.read(m -> m.range(RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8("a")).build())
        .getCount());
    assertThat(count).isEqualTo(1);
    for (int i = 0; i < 200 && deletions.isEmpty(); i++) {
      step();
    }
    assertThat(deletions).as("the keys are deleted once the keep-alives stop").hasSize(1);
    long[] d = deletions.get(0);
    assertThat(d[1] - lastKeepAlive).as("ns from the last keep-alive to the deletion: not before the TTL")
        .isGreaterThanOrEqualTo(5_000 * MS);
    assertThat(d[2]).as("both keys deleted in the one revision of the revoke").isEqualTo(2);
    boolean leaseLeft = node.read(m -> m.leases().containsKey(7L));
    assertThat(leaseLeft).as("the lease is gone with its keys").isFalse();
  }

  private void observe(RevisionEvents re) {
    long deletes = re.events().stream().filter(e -> e.getType() == Event.EventType.DELETE).count();
    if (deletes > 0) {
      deletions.add(new long[] {re.revision(), clock.nanoTime(), deletes});
    }
  }
}
