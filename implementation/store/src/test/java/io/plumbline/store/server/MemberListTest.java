package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.MemberListResponse;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.node.SoloMember;
import io.plumbline.store.node.StoreConfig;
import io.plumbline.store.node.StoreNode;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimClock;
import io.plumbline.store.sim.SimDisk;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * A member whose name and client URLs have not been published through Raft is listed with its id and peer URL only
 * (etcd's unstarted member: no name, no client URLs; etcdctl prints "unstarted" for an empty name, and the tests'
 * readiness waits rely on it). Here n1 of a two-member cluster runs alone, so nothing it proposes commits.
 */
class MemberListTest {
  @Test
  void aMemberThatHasNotPublishedIsListedWithoutANameOrClientUrls() throws Exception {
    Map<String, URI> peers = new LinkedHashMap<>();
    peers.put("n1", URI.create("http://n1.sim:2380"));
    peers.put("n2", URI.create("http://n2.sim:2380"));
    StoreConfig c = StoreConfig.defaults("n1", Path.of("sim", "n1"), URI.create("http://n1.sim:2379"), peers.get("n1"),
        peers);
    SimClock clock = new SimClock();
    StoreNode node = new StoreNode(c, ev -> { }, clock, new SimDisk(new SplitMixRandom(1), DiskFaults.NONE),
        SoloMember.noPeers(), 1, Set.of());
    for (int tick = 1; tick <= 50; tick++) { // 5 s: n1 campaigns, without a second vote
      clock.advanceTo(tick * 100_000_000L);
      node.runPendingAndTick();
    }
    LinkedBlockingQueue<MemberListResponse> got = new LinkedBlockingQueue<>();
    new ClusterService(node).memberList(MemberListRequest.getDefaultInstance(), OneMember.into(got, null));
    assertThat(got.poll().getMembersList()).extracting(Member::getName, Member::getClientURLsCount, m -> m.getPeerURLs(0))
        .as("name, client URLs and peer URL of each member")
        .containsExactly(org.assertj.core.groups.Tuple.tuple("", 0, "http://n1.sim:2380"),
            org.assertj.core.groups.Tuple.tuple("", 0, "http://n2.sim:2380"));
  }
}
