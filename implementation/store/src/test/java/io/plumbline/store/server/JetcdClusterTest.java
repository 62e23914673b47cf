package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A 3-member in-process cluster driven by jetcd, etcd's Java client, across all members. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JetcdClusterTest {
  private LocalCluster cluster;
  private Client client;
  private KV kv;

  static ByteSequence b(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  static String s(ByteSequence b) {
    return b.toString(StandardCharsets.UTF_8);
  }

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    cluster = new LocalCluster(3, dir, c -> c);
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.leader() >= 0);
    client = Client.builder().endpoints(cluster.endpoints()).build();
    kv = client.getKVClient();
  }

  @AfterAll
  void stop() throws Exception {
    client.close();
    cluster.close();
  }

  private <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  @Test
  void putThenGetOnEveryMember() throws Exception {
    long rev = get(kv.put(b("k1"), b("v1"))).getHeader().getRevision();
    for (String ep : cluster.endpoints()) {
      try (Client one = Client.builder().endpoints(ep).build()) {
        GetResponse r = get(one.getKVClient().get(b("k1")));
        assertThat(s(r.getKvs().get(0).getValue())).isEqualTo("v1");
        assertThat(r.getHeader().getRevision()).isGreaterThanOrEqualTo(rev);
      }
    }
  }

  @Test
  void prefixRangeLimitRevisionAndDelete() throws Exception {
    get(kv.put(b("p/a"), b("1")));
    long rev = get(kv.put(b("p/b"), b("2"))).getHeader().getRevision();
    get(kv.put(b("p/b"), b("3")));
    GetResponse all = get(kv.get(b("p/"), GetOption.builder().isPrefix(true).build()));
    assertThat(all.getKvs()).extracting(x -> s(x.getKey())).containsExactly("p/a", "p/b");
    GetResponse limited = get(kv.get(b("p/"), GetOption.builder().isPrefix(true).withLimit(1).build()));
    assertThat(limited.isMore()).isTrue();
    assertThat(limited.getCount()).isEqualTo(2);
    GetResponse old = get(kv.get(b("p/b"), GetOption.builder().withRevision(rev).build()));
    assertThat(s(old.getKvs().get(0).getValue())).isEqualTo("2");
    var del = get(kv.delete(b("p/"), DeleteOption.builder().isPrefix(true).withPrevKV(true).build()));
    assertThat(del.getDeleted()).isEqualTo(2);
    assertThat(get(kv.get(b("p/"), GetOption.builder().isPrefix(true).build())).getCount()).isZero();
  }

  @Test
  void requestLimitsAreEtcds() {
    ByteSequence big = ByteSequence.from(new byte[1600 * 1024]); // above 1.5 MiB, below gRPC's cap
    assertThatThrownBy(() -> get(kv.put(b("big"), big))).hasMessageContaining("etcdserver: request is too large");
    Op[] ops = new Op[129];
    for (int i = 0; i < ops.length; i++) {
      ops[i] = Op.put(b("many/" + i), b("v"), PutOption.DEFAULT);
    }
    assertThatThrownBy(() -> get(kv.txn().Then(ops).commit()))
        .hasMessageContaining("etcdserver: too many operations in txn request");
  }

  @Test
  void txnTakesTheRightBranch() throws Exception {
    get(kv.put(b("t"), b("x")));
    TxnResponse r = get(kv.txn().If(new Cmp(b("t"), Cmp.Op.EQUAL, CmpTarget.value(b("x"))))
        .Then(Op.put(b("t"), b("y"), PutOption.DEFAULT)).Else(Op.put(b("t"), b("z"), PutOption.DEFAULT)).commit());
    assertThat(r.isSucceeded()).isTrue();
    assertThat(s(get(kv.get(b("t"))).getKvs().get(0).getValue())).isEqualTo("y");
    TxnResponse again = get(kv.txn().If(new Cmp(b("t"), Cmp.Op.EQUAL, CmpTarget.value(b("x"))))
        .Then(Op.put(b("t"), b("y2"), PutOption.DEFAULT)).Else(Op.get(b("t"), GetOption.DEFAULT)).commit());
    assertThat(again.isSucceeded()).isFalse();
    assertThat(again.getGetResponses().get(0).getKvs()).hasSize(1);
  }

  @Test
  void duplicateKeyInTxnIsEtcdsError() {
    assertThatThrownBy(() -> get(kv.txn().Then(Op.put(b("d"), b("1"), PutOption.DEFAULT),
        Op.put(b("d"), b("2"), PutOption.DEFAULT)).commit()))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("duplicate key given in txn request");
  }

  @Test
  void watchDeliversEventsInOrderFromAStartRevision() throws Exception {
    long start = get(kv.put(b("w/1"), b("a"))).getHeader().getRevision();
    get(kv.put(b("w/2"), b("b")));
    List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    try (var w = client.getWatchClient().watch(b("w/"),
        WatchOption.builder().isPrefix(true).withRevision(start).withPrevKV(true).build(),
        resp -> seen.addAll(resp.getEvents()))) {
      get(kv.delete(b("w/1")));
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
      assertThat(seen).extracting(e -> e.getEventType() + " " + s(e.getKeyValue().getKey()))
          .containsExactly("PUT w/1", "PUT w/2", "DELETE w/1");
      assertThat(s(seen.get(2).getPrevKV().getValue())).isEqualTo("a");
    }
  }

  @Test
  void leaseExpiryDeletesAttachedKeys() throws Exception {
    long id = get(client.getLeaseClient().grant(2)).getID();
    get(kv.put(b("lease/k"), b("v"), PutOption.builder().withLeaseId(id).build()));
    var ttl = get(client.getLeaseClient().timeToLive(id, io.etcd.jetcd.options.LeaseOption.builder().withAttachedKeys().build()));
    assertThat(ttl.getGrantedTTL()).isEqualTo(2);
    assertThat(ttl.getKeys()).extracting(JetcdClusterTest::s).containsExactly("lease/k");
    await().atMost(Duration.ofSeconds(15)).until(() -> get(kv.get(b("lease/k"))).getCount() == 0);
    assertThat(get(client.getLeaseClient().timeToLive(id, io.etcd.jetcd.options.LeaseOption.DEFAULT)).getTTL())
        .isEqualTo(-1);
  }

  @Test
  void keepAliveAndRevoke() throws Exception {
    long id = get(client.getLeaseClient().grant(30)).getID();
    var ka = get(client.getLeaseClient().keepAliveOnce(id));
    assertThat(ka.getTTL()).isEqualTo(30);
    get(kv.put(b("rv"), b("v"), PutOption.builder().withLeaseId(id).build()));
    assertThat(get(client.getLeaseClient().timeToLive(id, io.etcd.jetcd.options.LeaseOption.DEFAULT)).getKeys())
        .as("the attached keys only when asked for (etcd's keys flag)").isEmpty();
    get(client.getLeaseClient().revoke(id));
    assertThat(get(kv.get(b("rv"))).getCount()).isZero();
    assertThatThrownBy(() -> get(client.getLeaseClient().revoke(id)))
        .hasMessageContaining("requested lease not found");
  }

  @Test
  void compactionMakesOldRevisionsUnreadable() throws Exception {
    long r1 = get(kv.put(b("c"), b("1"))).getHeader().getRevision();
    long r2 = get(kv.put(b("c"), b("2"))).getHeader().getRevision();
    get(kv.compact(r2));
    assertThatThrownBy(() -> get(kv.get(b("c"), GetOption.builder().withRevision(r1).build())))
        .hasMessageContaining("required revision has been compacted");
    assertThat(s(get(kv.get(b("c"), GetOption.builder().withRevision(r2).build())).getKvs().get(0).getValue()))
        .isEqualTo("2");
  }

  @Test
  void memberListAndStatus() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> get(client.getClusterClient().listMember())
        .getMembers().stream().allMatch(m -> !m.getName().isEmpty()));
    var members = get(client.getClusterClient().listMember()).getMembers();
    assertThat(members).extracting(io.etcd.jetcd.cluster.Member::getName).containsExactlyInAnyOrder("n1", "n2", "n3");
    var status = get(client.getMaintenanceClient().statusMember(cluster.endpoints()[0]));
    assertThat(status.getVersion()).startsWith("3.4");
    assertThat(status.getLeader()).isNotZero();
    // every member names the same leader, and only the leader names itself (etcdctl's IS LEADER column)
    List<Long> leaders = new java.util.ArrayList<>();
    List<Boolean> self = new java.util.ArrayList<>();
    for (String endpoint : cluster.endpoints()) {
      var st = get(client.getMaintenanceClient().statusMember(endpoint));
      leaders.add(st.getLeader());
      self.add(st.getHeader().getMemberId() == st.getLeader());
    }
    assertThat(leaders).as("the leader in each member's status").containsOnly(leaders.get(0));
    assertThat(self).as("whether each member's status names itself").containsExactlyInAnyOrder(true, false, false);
  }
}
