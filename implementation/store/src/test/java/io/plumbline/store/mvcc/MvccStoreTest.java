package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** etcd's MVCC semantics, one behaviour per test. */
class MvccStoreTest {
  private final MvccStore store = new MvccStore(2);

  static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private long put(String k, String v) {
    return store.put(PutRequest.newBuilder().setKey(b(k)).setValue(b(v)).build()).getHeader().getRevision();
  }

  private RangeResponse get(RangeRequest.Builder r) {
    return store.range(r.build());
  }

  private static RangeRequest.Builder key(String k) {
    return RangeRequest.newBuilder().setKey(b(k));
  }

  private static RangeRequest.Builder prefix(String p) {
    return RangeRequest.newBuilder().setKey(b(p)).setRangeEnd(b(p.substring(0, p.length() - 1)
        + (char) (p.charAt(p.length() - 1) + 1)));
  }

  private static List<String> keys(RangeResponse r) {
    return r.getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList();
  }

  @Test
  void revisionsStartAtOneAndEachPutAddsOne() {
    assertThat(store.currentRevision()).isEqualTo(1);
    assertThat(put("a", "1")).isEqualTo(2);
    assertThat(put("a", "2")).isEqualTo(3);
    KeyValue kv = get(key("a")).getKvs(0);
    assertThat(kv.getCreateRevision()).isEqualTo(2);
    assertThat(kv.getModRevision()).isEqualTo(3);
    assertThat(kv.getVersion()).isEqualTo(2);
  }

  @Test
  void deleteLeavesTombstoneAndRecreationResetsVersion() {
    put("a", "1");
    var del = store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("a")).setPrevKv(true).build());
    assertThat(del.getDeleted()).isEqualTo(1);
    assertThat(del.getPrevKvs(0).getValue().toStringUtf8()).isEqualTo("1");
    assertThat(get(key("a")).getCount()).isZero();
    assertThat(get(key("a").setRevision(2)).getKvs(0).getValue().toStringUtf8()).isEqualTo("1");
    put("a", "again");
    KeyValue kv = get(key("a")).getKvs(0);
    assertThat(kv.getVersion()).isEqualTo(1);
    assertThat(kv.getCreateRevision()).isEqualTo(4);
  }

  @Test
  void deletingNothingDoesNotBumpTheRevision() {
    put("a", "1");
    var del = store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("zz")).build());
    assertThat(del.getDeleted()).isZero();
    assertThat(del.getHeader().getRevision()).isEqualTo(2);
  }

  @Test
  void rangeHonoursPrefixLimitSortCountAndKeysOnly() {
    put("p/b", "2");
    put("p/a", "3");
    put("p/c", "1");
    put("q", "x");
    RangeResponse all = get(prefix("p/"));
    assertThat(keys(all)).containsExactly("p/a", "p/b", "p/c");
    RangeResponse limited = get(prefix("p/").setLimit(2));
    assertThat(keys(limited)).containsExactly("p/a", "p/b");
    assertThat(limited.getMore()).isTrue();
    assertThat(limited.getCount()).isEqualTo(3);
    RangeResponse byValueDesc = get(prefix("p/").setSortTarget(RangeRequest.SortTarget.VALUE)
        .setSortOrder(RangeRequest.SortOrder.DESCEND));
    assertThat(keys(byValueDesc)).containsExactly("p/a", "p/b", "p/c");
    RangeResponse byMod = get(prefix("p/").setSortTarget(RangeRequest.SortTarget.MOD));
    assertThat(keys(byMod)).containsExactly("p/b", "p/a", "p/c");
    RangeResponse count = get(prefix("p/").setCountOnly(true));
    assertThat(count.getKvsCount()).isZero();
    assertThat(count.getCount()).isEqualTo(3);
    RangeResponse keysOnly = get(prefix("p/").setKeysOnly(true));
    assertThat(keysOnly.getKvs(0).getValue()).isEqualTo(ByteString.EMPTY);
    RangeResponse everything = get(RangeRequest.newBuilder().setKey(b("\0")).setRangeEnd(b("\0")));
    assertThat(everything.getCount()).isEqualTo(4);
    RangeResponse fromP = get(RangeRequest.newBuilder().setKey(b("p/b")).setRangeEnd(b("\0")));
    assertThat(keys(fromP)).containsExactly("p/b", "p/c", "q");
  }

  @Test
  void compactionDropsOldRevisionsButKeepsLiveValues() {
    put("a", "1");
    put("a", "2");
    put("b", "1");
    store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("b")).build());
    store.compact(CompactionRequest.newBuilder().setRevision(4).build());
    assertThat(get(key("a").setRevision(4)).getKvs(0).getValue().toStringUtf8()).isEqualTo("2");
    assertThatThrownBy(() -> get(key("a").setRevision(3)))
        .hasMessage("etcdserver: mvcc: required revision has been compacted");
    assertThatThrownBy(() -> store.compact(CompactionRequest.newBuilder().setRevision(4).build()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.COMPACTED));
    assertThatThrownBy(() -> get(key("a").setRevision(99)))
        .hasMessage("etcdserver: mvcc: required revision is a future revision");
    store.compact(CompactionRequest.newBuilder().setRevision(5).build());
    assertThat(store.versionCount()).isEqualTo(1); // b's tombstone is gone, a's live version stays
  }

  @Test
  void txnComparesChooseTheBranchAndWritesShareOneRevision() {
    put("a", "1");
    TxnRequest t = TxnRequest.newBuilder()
        .addCompare(Compare.newBuilder().setKey(b("a")).setTarget(Compare.CompareTarget.VALUE)
            .setResult(Compare.CompareResult.EQUAL).setValue(b("1")))
        .addCompare(Compare.newBuilder().setKey(b("a")).setTarget(Compare.CompareTarget.VERSION)
            .setResult(Compare.CompareResult.GREATER).setVersion(0))
        .addSuccess(putOp("x", "1")).addSuccess(putOp("y", "1"))
        .addSuccess(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(b("x"))))
        .addFailure(putOp("z", "1"))
        .build();
    TxnResponse r = store.txn(t);
    assertThat(r.getSucceeded()).isTrue();
    assertThat(r.getHeader().getRevision()).isEqualTo(3);
    assertThat(r.getResponses(2).getResponseRange().getKvs(0).getModRevision()).isEqualTo(3);
    TxnResponse again = store.txn(t.toBuilder().setCompare(0, t.getCompare(0).toBuilder().setValue(b("2"))).build());
    assertThat(again.getSucceeded()).isFalse();
    assertThat(get(key("z")).getCount()).isEqualTo(1);
  }

  /**
   * ignore_value and ignore_lease take the value or lease of the key's current version; on a missing key etcd answers
   * "key not found" and writes nothing. The check runs on the apply path, where anything but a typed error stops the
   * member: a put that threw elsewhere would stop every member that applies it.
   */
  @Test
  void ignoreValueOrIgnoreLeaseOnAMissingKeyIsKeyNotFoundAndWritesNothing() {
    put("a", "1");
    put("a", "2");
    store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("a")).build());
    long rev = store.currentRevision();
    for (PutRequest.Builder r : List.of(PutRequest.newBuilder().setIgnoreValue(true),
        PutRequest.newBuilder().setValue(b("v")).setIgnoreLease(true))) {
      for (String k : List.of("a", "never")) {
        assertThatThrownBy(() -> store.put(r.setKey(b(k)).build())).as("%s on %s", r, k)
            .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.KEY_NOT_FOUND));
        assertThatThrownBy(() -> store.txn(TxnRequest.newBuilder()
            .addSuccess(RequestOp.newBuilder().setRequestPut(r.setKey(b(k)))).build()))
            .as("%s on %s in a txn", r, k).isInstanceOf(StoreException.class);
      }
    }
    assertThat(store.currentRevision()).isEqualTo(rev);
    assertThat(store.range(key("a").build()).getCount()).isZero();
  }

  @Test
  void compareOnMissingKeyTreatsFieldsAsZeroButValueAsFalse() {
    Compare.Builder c = Compare.newBuilder().setKey(b("none")).setTarget(Compare.CompareTarget.CREATE)
        .setResult(Compare.CompareResult.EQUAL).setCreateRevision(0);
    assertThat(store.txn(TxnRequest.newBuilder().addCompare(c).build()).getSucceeded()).isTrue();
    Compare.Builder v = Compare.newBuilder().setKey(b("none")).setTarget(Compare.CompareTarget.VALUE)
        .setResult(Compare.CompareResult.NOT_EQUAL).setValue(b("x"));
    assertThat(store.txn(TxnRequest.newBuilder().addCompare(v).build()).getSucceeded()).isFalse();
  }

  @Test
  void nestedTxnRunsInsideTheSameRevision() {
    TxnRequest inner = TxnRequest.newBuilder().addSuccess(putOp("n", "1")).build();
    TxnResponse r = store.txn(TxnRequest.newBuilder().addSuccess(putOp("o", "1"))
        .addSuccess(RequestOp.newBuilder().setRequestTxn(inner)).build());
    assertThat(r.getResponses(1).getResponseTxn().getSucceeded()).isTrue();
    assertThat(get(key("n")).getKvs(0).getModRevision()).isEqualTo(2);
    assertThat(store.currentRevision()).isEqualTo(2);
  }

  /** etcd's compareToPath: every branch is chosen from the store before the txn, nested ones included. */
  @Test
  void aNestedTxnComparesAgainstTheStoreBeforeTheTxn() {
    TxnRequest inner = TxnRequest.newBuilder().addCompare(Compare.newBuilder().setKey(b("c"))
        .setTarget(Compare.CompareTarget.VERSION).setResult(Compare.CompareResult.GREATER).setVersion(0)).build();
    TxnResponse r = store.txn(TxnRequest.newBuilder().addSuccess(putOp("c", "1"))
        .addSuccess(RequestOp.newBuilder().setRequestTxn(inner)).build());
    assertThat(r.getResponses(1).getResponseTxn().getSucceeded()).isFalse();
  }

  /** etcd's applier checks every put on the path (leases) before any range (revisions), whatever their order. */
  @Test
  void aTxnFailsOnAnUnknownLeaseBeforeAFutureRevision() {
    TxnRequest t = TxnRequest.newBuilder()
        .addSuccess(RequestOp.newBuilder().setRequestRange(key("a").setRevision(1000)))
        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b("a")).setLease(42)))
        .build();
    assertThatThrownBy(() -> store.txn(t))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.LEASE_NOT_FOUND));
    TxnRequest rangeOnly = TxnRequest.newBuilder()
        .addSuccess(RequestOp.newBuilder().setRequestRange(key("a").setRevision(1000))).addSuccess(putOp("a", "1"))
        .build();
    assertThatThrownBy(() -> store.txn(rangeOnly))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.FUTURE_REV));
    assertThat(store.currentRevision()).isEqualTo(1);
  }

  @Test
  void txnLimitsAndDuplicateKeysAreRejected() {
    TxnRequest.Builder many = TxnRequest.newBuilder();
    for (int i = 0; i < 129; i++) {
      many.addSuccess(putOp("k" + i, "v"));
    }
    assertThatThrownBy(() -> TxnChecks.check(many.build(), 128))
        .hasMessage("etcdserver: too many operations in txn request");
    TxnRequest dup = TxnRequest.newBuilder().addSuccess(putOp("a", "1")).addSuccess(putOp("a", "2")).build();
    assertThatThrownBy(() -> store.txn(dup)).hasMessage("etcdserver: duplicate key given in txn request");
    TxnRequest putInDelete = TxnRequest.newBuilder()
        .addSuccess(RequestOp.newBuilder().setRequestDeleteRange(
            DeleteRangeRequest.newBuilder().setKey(b("a")).setRangeEnd(b("c"))))
        .addSuccess(putOp("b", "1")).build();
    assertThatThrownBy(() -> store.txn(putInDelete)).hasMessage("etcdserver: duplicate key given in txn request");
    TxnRequest branches = TxnRequest.newBuilder().addSuccess(putOp("a", "1")).addFailure(putOp("a", "2")).build();
    assertThat(store.txn(branches).getSucceeded()).isTrue();
  }

  @Test
  void failedTxnLeavesNoTrace() {
    put("a", "1");
    TxnRequest t = TxnRequest.newBuilder().addSuccess(putOp("b", "1"))
        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b("c")).setLease(42)))
        .build();
    assertThatThrownBy(() -> store.txn(t)).hasMessage("etcdserver: requested lease not found");
    assertThat(get(key("b")).getCount()).isZero();
    assertThat(store.currentRevision()).isEqualTo(2);
    assertThat(put("b", "2")).isEqualTo(3);
  }

  @Test
  void emptyKeyAndIgnoreValueErrorsAreEtcds() {
    assertThatThrownBy(() -> put("", "x")).hasMessage("etcdserver: key is not provided");
    assertThatThrownBy(() -> store.put(PutRequest.newBuilder().setKey(b("nokey")).setIgnoreValue(true).build()))
        .hasMessage("etcdserver: key not found");
    put("a", "1");
    store.put(PutRequest.newBuilder().setKey(b("a")).setIgnoreValue(true).build());
    assertThat(get(key("a")).getKvs(0).getValue().toStringUtf8()).isEqualTo("1");
  }

  @Test
  void leaseRevokeDeletesAttachedKeysInOneRevision() {
    store.leaseGrant(7, 1);
    assertThat(store.leases().get(7L).ttlSeconds()).isEqualTo(2); // raised to the minimum
    store.put(PutRequest.newBuilder().setKey(b("l1")).setValue(b("v")).setLease(7).build());
    store.put(PutRequest.newBuilder().setKey(b("l2")).setValue(b("v")).setLease(7).build());
    put("l2", "detached"); // a put without a lease detaches it
    store.put(PutRequest.newBuilder().setKey(b("l3")).setValue(b("v")).setLease(7).build());
    List<RevisionEvents> seen = new ArrayList<>();
    store.setListener(seen::add);
    store.leaseRevoke(7);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).events()).extracting(e -> e.getKv().getKey().toStringUtf8())
        .containsExactly("l1", "l3");
    assertThat(get(key("l2")).getCount()).isEqualTo(1);
    assertThatThrownBy(() -> store.leaseRevoke(7)).hasMessage("etcdserver: requested lease not found");
    assertThatThrownBy(() -> store.leaseGrant(8, MvccStore.MAX_LEASE_TTL_SECONDS + 1))
        .hasMessage("etcdserver: too large lease TTL");
  }

  @Test
  void eventsCarryPrevKvAndAreGroupedByRevision() {
    put("a", "1");
    store.txn(TxnRequest.newBuilder().addSuccess(putOp("a", "2")).addSuccess(putOp("b", "1")).build());
    List<RevisionEvents> evs = new ArrayList<>(store.eventsSince(3));
    assertThat(evs).hasSize(1);
    assertThat(evs.get(0).events()).hasSize(2);
    Event first = evs.get(0).events().get(0);
    assertThat(first.getPrevKv().getValue().toStringUtf8()).isEqualTo("1");
  }

  /**
   * A DELETE event's kv is the key with the deletion's revision as mod_revision (etcd's tombstone): watchers take
   * it as the deletion's revision (Kubernetes' watch cache makes it the deleted object's resourceVersion), for a
   * delete, a range delete, a txn's delete and a lease revocation alike.
   */
  @Test
  void aDeleteEventCarriesTheKeyAndTheDeletionsRevision() {
    put("a", "1");
    put("b", "1");
    put("c", "1");
    store.leaseGrant(9, 10);
    store.put(PutRequest.newBuilder().setKey(b("l")).setValue(b("v")).setLease(9).build());
    long single = store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("a")).build()).getHeader().getRevision();
    long range = store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("b")).setRangeEnd(b("c")).build())
        .getHeader().getRevision();
    long inTxn = store.txn(TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder()
        .setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(b("c")))).build()).getHeader().getRevision();
    store.leaseRevoke(9);
    long revoke = store.currentRevision();
    List<String> deletes = new ArrayList<>();
    for (RevisionEvents re : store.eventsSince(single)) {
      for (Event e : re.events()) {
        assertThat(e.getType()).isEqualTo(Event.EventType.DELETE);
        deletes.add(e.getKv().getKey().toStringUtf8() + "@" + e.getKv().getModRevision() + " in " + re.revision());
      }
    }
    assertThat(deletes).containsExactly("a@" + single + " in " + single, "b@" + range + " in " + range,
        "c@" + inTxn + " in " + inTxn, "l@" + revoke + " in " + revoke);
  }

  @Test
  void snapshotRoundTripsTheWholeState() {
    put("a", "1");
    store.leaseGrant(5, 10);
    store.put(PutRequest.newBuilder().setKey(b("l")).setValue(b("v")).setLease(5).build());
    store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("a")).build());
    store.putMeta("member/n1", "http://127.0.0.1:1");
    byte[] snap = MvccSnapshot.write(store);
    MvccStore copy = new MvccStore(2);
    MvccSnapshot.restore(copy, snap);
    assertThat(MvccSnapshot.write(copy)).isEqualTo(snap);
    assertThat(copy.eventsSince(0)).containsExactlyElementsOf(store.eventsSince(0)); // decoded on first read
    assertThat(copy.leases().get(5L).keys()).containsExactly(b("l"));
    assertThat(copy.range(key("a").setRevision(2).build()).getCount()).isEqualTo(1);
  }

  /**
   * A follower installs the leader's snapshot over what it had applied (as etcd's applySnapshot replaces the
   * backend): a lease the leader revoked since, the leader's later compaction and the events it compacted away
   * must not survive on the follower, or it answers reads at compacted revisions and keeps a lease no one else has.
   */
  @Test
  void aSnapshotInstalledOverAppliedStateReplacesAllOfIt() {
    MvccStore follower = new MvccStore(2);
    for (MvccStore s : List.of(store, follower)) {
      s.leaseGrant(5, 10);
      s.leaseGrant(6, 10);
      s.put(PutRequest.newBuilder().setKey(b("l")).setValue(b("v")).setLease(5).build());
      s.put(PutRequest.newBuilder().setKey(b("a")).setValue(b("1")).build());
    }
    store.leaseRevoke(5);
    put("a", "2");
    put("a", "3");
    store.compact(CompactionRequest.newBuilder().setRevision(store.currentRevision() - 1).build());
    store.meta.put("member/n1", "http://a");
    follower.meta.put("member/n9", "http://only-on-the-follower"); // the rule, not a state the cluster reaches
    byte[] snap = MvccSnapshot.write(store);
    MvccSnapshot.restore(follower, snap);
    assertThat(follower.meta()).as("metadata").isEqualTo(store.meta());
    assertThat(follower.leases().keySet()).as("leases").containsExactly(6L);
    assertThat(follower.compactRevision()).as("compact revision").isEqualTo(store.compactRevision());
    assertThat(follower.eventsSince(0)).as("retained events").containsExactlyElementsOf(store.eventsSince(0));
    assertThatThrownBy(() -> follower.range(key("a").setRevision(2).build())).as("a read below the compaction")
        .isInstanceOf(StoreException.class).hasMessageContaining("compacted");
    assertThat(MvccSnapshot.write(follower)).isEqualTo(snap);
  }

  /**
   * Snapshots encode only what changed since the previous one (EncodedRecords): taken after every
   * step, through a compaction, an undone txn and a restore, they equal one encoded from scratch.
   */
  @Test
  void incrementalSnapshotsEqualOneEncodedFromScratch() {
    MvccStore fresh = new MvccStore(2);
    TxnRequest failing = TxnRequest.newBuilder().addSuccess(putOp("b", "x"))
        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b("c")).setLease(42)))
        .build();
    for (int i = 0; i < 40; i++) {
      for (MvccStore s : List.of(store, fresh)) {
        s.put(PutRequest.newBuilder().setKey(b("k" + i % 3)).setValue(b("v" + i)).build());
        if (i % 7 == 0) {
          s.deleteRange(DeleteRangeRequest.newBuilder().setKey(b("k" + (i + 1) % 3)).build());
        }
        if (i % 11 == 0) {
          assertThatThrownBy(() -> s.txn(failing)).hasMessage("etcdserver: requested lease not found");
        }
        if (i == 25) {
          s.compact(CompactionRequest.newBuilder().setRevision(s.currentRevision() - 5).build());
        }
      }
      byte[] snap = MvccSnapshot.write(store);
      if (i == 30) {
        MvccSnapshot.restore(store, snap);
      }
    }
    assertThat(MvccSnapshot.write(store)).isEqualTo(MvccSnapshot.write(fresh));
  }

  private static RequestOp putOp(String k, String v) {
    return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b(k)).setValue(b(v))).build();
  }
}
