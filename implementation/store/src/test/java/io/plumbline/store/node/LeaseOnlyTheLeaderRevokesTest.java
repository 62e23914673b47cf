package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.LeaseGrantRequest;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimDisk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Only the leader's lease clock revokes (etcd's primary lessor; a follower's lessor is demoted, its leases never
 * expire there). A follower applied the grant and knows the lease's TTL, but keep-alives renew it on the leader only:
 * a follower that revoked leases by its own clock would revoke one that clients keep alive, once its TTL has passed
 * since the follower applied the grant.
 */
class LeaseOnlyTheLeaderRevokesTest {
  private TickedCluster sim;

  private <T> T await(CompletableFuture<T> f) throws Exception {
    for (int i = 0; i < 50 && !f.isDone(); i++) {
      sim.step();
    }
    assertThat(f).isCompleted();
    return f.join();
  }

  @Test
  void aLeaseKeptAliveOnTheLeaderOutlivesItsTtlOnEveryMember() throws Exception {
    sim = new TickedCluster(List.of("n1", "n2", "n3"), c -> c,
        (n, seed) -> new SimDisk(new SplitMixRandom(seed), DiskFaults.NONE), seed -> seed + 1, (from, to, b) -> b);
    StoreNode leader = sim.stepUntilLeader(500);
    assertThat(leader).as("a leader within 500 ticks").isNotNull();
    await(leader.propose(Command.Type.LEASE_GRANT, LeaseGrantRequest.newBuilder().setID(7).setTTL(5).build()));
    for (int second = 0; second < 20; second++) { // 20 s of keep-alives on the leader, one a second: 4 TTLs
      assertThat(await(leader.leaseRenew(7))).isEqualTo(5);
      for (int i = 0; i < 10; i++) {
        sim.step();
      }
    }
    for (StoreNode n : sim.nodes.values()) {
      boolean held = n.read(m -> m.leases().containsKey(7L));
      assertThat(held).as("%s still has the kept-alive lease", n.config().name()).isTrue();
    }
    assertThat(sim.nodes.values().stream().filter(StoreNode::isLeader).toList()).containsExactly(leader);
  }
}
