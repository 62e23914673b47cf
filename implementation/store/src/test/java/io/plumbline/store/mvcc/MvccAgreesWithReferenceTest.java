package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResponseOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.plumbline.store.mvcc.MvccReference.Ev;
import io.plumbline.store.mvcc.MvccReference.Kv;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential test: random puts (some with leases), deletes of keys and ranges, txns with compares
 * on every target and result and gets (some at a past revision), range reads (past revisions, sort orders, limits, count-only, revision filters),
 * compactions and lease revocations run on the store and on {@link MvccReference}; every response,
 * every read at every retained revision and the retained events must agree.
 */
class MvccAgreesWithReferenceTest {
  private static final String[] KEYS = {"a", "b", "c", "d"};
  private static final String[] VALUES = {"1", "2", "3"};

  private final SplittableRandom rnd = new SplittableRandom(11);
  private MvccStore store;
  private MvccReference ref;
  private final List<Long> leases = new ArrayList<>();

  @Test
  void storeAgreesWithTheReferenceOnRandomRuns() {
    for (int run = 0; run < 150; run++) {
      store = new MvccStore(1);
      ref = new MvccReference();
      leases.clear();
      for (int step = 0; step < 30; step++) {
        String what = step(run);
        String at = "run " + run + " step " + step + " (" + what + ")";
        readsAgree(at);
        eventsAgree(at);
      }
    }
  }

  private String step(int run) {
    return switch (rnd.nextInt(9)) {
      case 0, 1, 2 -> put();
      case 3 -> delete();
      case 4, 5 -> txn();
      case 6 -> compact();
      case 7 -> lease(run);
      default -> range();
    };
  }

  private String put() {
    String k = key();
    String v = VALUES[rnd.nextInt(VALUES.length)];
    long lease = leases.isEmpty() || rnd.nextBoolean() ? 0 : leases.get(rnd.nextInt(leases.size()));
    Kv prev = ref.at(k, ref.revision);
    var resp = store.put(PutRequest.newBuilder().setKey(b(k)).setValue(b(v)).setLease(lease).setPrevKv(true).build());
    ref.apply(List.<String[]>of(new String[] {k, v, Long.toString(lease)}));
    assertThat(resp.getHeader().getRevision()).isEqualTo(ref.revision);
    assertThat(resp.hasPrevKv() ? show(resp.getPrevKv()) : null).isEqualTo(show(prev));
    return "put " + k + "=" + v + " lease " + lease;
  }

  private String delete() {
    String[] r = range(true);
    List<Kv> gone = ref.live(r[0], r[1], ref.revision);
    DeleteRangeRequest.Builder req = DeleteRangeRequest.newBuilder().setKey(b(r[0])).setPrevKv(true);
    if (r[1] != null) {
      req.setRangeEnd(b(r[1]));
    }
    DeleteRangeResponse resp = store.deleteRange(req.build());
    List<String[]> writes = new ArrayList<>();
    gone.forEach(kv -> writes.add(new String[] {kv.key(), null, "0"}));
    ref.apply(writes);
    assertThat(resp.getDeleted()).isEqualTo(gone.size());
    assertThat(resp.getPrevKvsList().stream().map(MvccAgreesWithReferenceTest::show).toList())
        .isEqualTo(gone.stream().map(MvccAgreesWithReferenceTest::show).toList());
    assertThat(resp.getHeader().getRevision()).isEqualTo(ref.revision);
    return "delete " + r[0] + ".." + r[1];
  }

  private String txn() {
    TxnRequest.Builder t = TxnRequest.newBuilder();
    boolean holds = true;
    for (int c = rnd.nextInt(3); c > 0; c--) {
      String[] r = range(rnd.nextInt(4) == 0);
      Compare cmp = compare(r);
      t.addCompare(cmp);
      holds &= holds(cmp, ref.live(r[0], r[1], ref.revision));
    }
    List<RequestOp> success = branch();
    List<RequestOp> failure = branch();
    t.addAllSuccess(success).addAllFailure(failure);
    List<String> expected = new ArrayList<>();
    List<String[]> writes = new ArrayList<>();
    for (RequestOp op : holds ? success : failure) {
      if (op.hasRequestPut()) {
        writes.add(new String[] {op.getRequestPut().getKey().toStringUtf8(), op.getRequestPut().getValue().toStringUtf8(), "0"});
      } else if (op.hasRequestDeleteRange()) {
        writes.add(new String[] {op.getRequestDeleteRange().getKey().toStringUtf8(), null, "0"});
      } else {
        RangeRequest get = op.getRequestRange();
        expected.add(get.getRevision() > 0 ? show(ref.at(get.getKey().toStringUtf8(), get.getRevision())) // not the txn's writes
            : txnRead(get.getKey().toStringUtf8(), writes));
      }
    }
    TxnResponse resp = store.txn(t.build());
    ref.apply(writes);
    List<String> reads = new ArrayList<>();
    for (ResponseOp r : resp.getResponsesList()) {
      if (r.hasResponseRange()) {
        reads.add(r.getResponseRange().getKvsCount() == 0 ? null : show(r.getResponseRange().getKvs(0)));
      }
    }
    String what = "txn " + t.build().toString().replace('\n', ' ');
    assertThat(resp.getSucceeded()).as(what).isEqualTo(holds);
    assertThat(reads).as(what).isEqualTo(expected);
    assertThat(resp.getHeader().getRevision()).as(what).isEqualTo(ref.revision);
    return what;
  }

  /** What a get inside a txn sees: the store before it plus the txn's earlier writes. */
  private String txnRead(String key, List<String[]> earlier) {
    Kv before = ref.at(key, ref.revision);
    List<String[]> mine = new ArrayList<>();
    for (String[] w : earlier) {
      if (w[0].equals(key)) {
        mine.add(w);
      }
    }
    if (mine.isEmpty()) {
      return show(before);
    }
    String[] last = mine.get(mine.size() - 1);
    if (last[1] == null) {
      return null;
    }
    long rev = ref.revision + 1;
    return show(new Kv(key, last[1], before == null ? rev : before.create(), rev,
        before == null ? 1 : before.version() + 1, 0));
  }

  private Compare compare(String[] r) {
    Compare.Builder c = Compare.newBuilder().setKey(b(r[0]));
    if (r[1] != null) {
      c.setRangeEnd(b(r[1]));
    }
    c.setResult(Compare.CompareResult.forNumber(rnd.nextInt(4)));
    long n = rnd.nextInt((int) ref.revision + 2);
    switch (rnd.nextInt(4)) {
      case 0 -> c.setTarget(Compare.CompareTarget.VALUE).setValue(b(VALUES[rnd.nextInt(VALUES.length)]));
      case 1 -> c.setTarget(Compare.CompareTarget.VERSION).setVersion(rnd.nextInt(3));
      case 2 -> c.setTarget(Compare.CompareTarget.CREATE).setCreateRevision(n);
      default -> c.setTarget(Compare.CompareTarget.MOD).setModRevision(n);
    }
    return c.build();
  }

  /** etcd: holds for every key in the range; with none, numeric targets compare 0 and a value compare is false. */
  private static boolean holds(Compare c, List<Kv> kvs) {
    if (kvs.isEmpty()) {
      return c.getTarget() != Compare.CompareTarget.VALUE && result(c, Long.compare(0, operand(c)));
    }
    for (Kv kv : kvs) {
      int cmp = switch (c.getTarget()) {
        case VALUE -> Integer.signum(kv.value().compareTo(c.getValue().toStringUtf8()));
        case VERSION -> Long.compare(kv.version(), c.getVersion());
        case CREATE -> Long.compare(kv.create(), c.getCreateRevision());
        default -> Long.compare(kv.mod(), c.getModRevision());
      };
      if (!result(c, cmp)) {
        return false;
      }
    }
    return true;
  }

  private static long operand(Compare c) {
    return switch (c.getTarget()) {
      case VERSION -> c.getVersion();
      case CREATE -> c.getCreateRevision();
      default -> c.getModRevision();
    };
  }

  private static boolean result(Compare c, int cmp) {
    return switch (c.getResult()) {
      case EQUAL -> cmp == 0;
      case GREATER -> cmp > 0;
      case LESS -> cmp < 0;
      default -> cmp != 0;
    };
  }

  /** Up to three ops, each key written at most once (etcd refuses duplicate writes in a branch). */
  private List<RequestOp> branch() {
    List<RequestOp> ops = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (int n = rnd.nextInt(4); n > 0; n--) {
      String k = key();
      int kind = written.contains(k) ? 0 : rnd.nextInt(3);
      switch (kind) {
        case 0 -> ops.add(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(b(k))
            .setRevision(rnd.nextInt(3) == 0 ? pastRevision() : 0)).build());
        case 1 -> ops.add(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b(k))
            .setValue(b(VALUES[rnd.nextInt(VALUES.length)]))).build());
        default -> ops.add(RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(b(k))).build());
      }
      if (kind > 0) {
        written.add(k);
      }
    }
    return ops;
  }

  /** A revision a read may ask for: retained, not in the future. */
  private long pastRevision() {
    long lowest = Math.max(1, ref.compacted);
    return lowest + rnd.nextInt((int) (ref.revision - lowest + 1));
  }

  private String compact() {
    long rev = ref.compacted + 1 + rnd.nextInt((int) Math.max(1, ref.revision - ref.compacted));
    String outcome = outcome(() -> store.compact(CompactionRequest.newBuilder().setRevision(rev).build()));
    String expected = rev <= ref.compacted ? "COMPACTED" : rev > ref.revision ? "FUTURE_REV" : "ok";
    assertThat(outcome).as("compact at %d", rev).isEqualTo(expected);
    if (expected.equals("ok")) {
      ref.compacted = rev;
    }
    return "compact " + rev;
  }

  private String lease(int run) {
    if (leases.isEmpty() || rnd.nextBoolean()) {
      long id = 100L * run + leases.size() + 1 + rnd.nextInt(50);
      if (!leases.contains(id)) {
        store.leaseGrant(id, 5);
        leases.add(id);
      }
      return "grant " + id;
    }
    long id = leases.remove(rnd.nextInt(leases.size()));
    List<String[]> writes = new ArrayList<>();
    ref.attached(id).forEach(k -> writes.add(new String[] {k, null, "0"}));
    store.leaseRevoke(id);
    ref.apply(writes);
    assertThat(store.currentRevision()).as("revision after revoking %d", id).isEqualTo(ref.revision);
    return "revoke " + id;
  }

  /** A random read checked in full (readsAgree checks plain reads after every step). */
  private String range() {
    String[] r = range(rnd.nextBoolean());
    long rev = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt((int) ref.revision + 2);
    RangeRequest.Builder req = RangeRequest.newBuilder().setKey(b(r[0])).setRevision(rev)
        .setLimit(rnd.nextInt(3)).setCountOnly(rnd.nextInt(5) == 0).setKeysOnly(rnd.nextInt(5) == 0);
    if (r[1] != null) {
      req.setRangeEnd(b(r[1]));
    }
    if (rnd.nextInt(4) == 0) {
      req.setMinModRevision(rnd.nextInt((int) ref.revision + 1)).setMaxModRevision(rnd.nextInt((int) ref.revision + 2));
    }
    if (rnd.nextInt(3) == 0) {
      req.setSortTarget(RangeRequest.SortTarget.forNumber(rnd.nextInt(5)))
          .setSortOrder(RangeRequest.SortOrder.forNumber(rnd.nextInt(3)));
    }
    checkRange(req.build(), "range " + req.build().toString().replace('\n', ' '));
    return "range";
  }

  /** Every key and every key range read at every revision from the compaction to beyond the current one. */
  private void readsAgree(String at) {
    assertThat(store.currentRevision()).as(at).isEqualTo(ref.revision);
    assertThat(store.compactRevision()).as(at).isEqualTo(ref.compacted);
    for (long rev = Math.max(1, ref.compacted - 1); rev <= ref.revision + 1; rev++) {
      checkRange(RangeRequest.newBuilder().setKey(b("a")).setRangeEnd(b("e")).setRevision(rev).build(), at);
      String k = key();
      checkRange(RangeRequest.newBuilder().setKey(b(k)).setRevision(rev).build(), at);
    }
  }

  private void checkRange(RangeRequest req, String at) {
    long rev = req.getRevision() <= 0 ? ref.revision : req.getRevision();
    String expectedError = rev > ref.revision ? "FUTURE_REV" : rev < ref.compacted ? "COMPACTED" : null;
    RangeResponse[] got = new RangeResponse[1];
    String outcome = outcome(() -> got[0] = store.range(req));
    String what = at + ": " + req.toString().replace('\n', ' ');
    assertThat(outcome).as(what).isEqualTo(expectedError == null ? "ok" : expectedError);
    if (expectedError != null) {
      return;
    }
    String key = req.getKey().toStringUtf8();
    List<Kv> live = ref.live(key, req.getRangeEnd().isEmpty() ? null : req.getRangeEnd().toStringUtf8(), rev);
    List<Kv> kvs = new ArrayList<>();
    for (Kv kv : live) {
      if ((req.getMinModRevision() == 0 || kv.mod() >= req.getMinModRevision())
          && (req.getMaxModRevision() == 0 || kv.mod() <= req.getMaxModRevision())) {
        kvs.add(kv);
      }
    }
    RangeResponse resp = got[0];
    assertThat(resp.getCount()).as(what + " count").isEqualTo(live.size());
    if (req.getCountOnly()) {
      assertThat(resp.getKvsCount()).as(what).isZero();
      return;
    }
    if (req.getLimit() > 0 && req.getSortOrder() == RangeRequest.SortOrder.NONE && req.getMinModRevision() == 0
        && req.getMaxModRevision() == 0 && req.getMinCreateRevision() == 0 && req.getMaxCreateRevision() == 0
        && kvs.size() > req.getLimit() + 1) {
      kvs = new ArrayList<>(kvs.subList(0, (int) req.getLimit() + 1)); // etcd 3.4 reads limit + 1 keys, sorts only them
    }
    sort(req, kvs);
    boolean more = req.getLimit() > 0 && kvs.size() > req.getLimit();
    List<Kv> shown = more ? kvs.subList(0, (int) req.getLimit()) : kvs;
    assertThat(resp.getMore()).as(what + " more").isEqualTo(more);
    List<String> expected = new ArrayList<>();
    shown.forEach(kv -> expected.add(req.getKeysOnly() ? show(kv).replaceFirst("=[^ ]*", "=") : show(kv)));
    assertThat(resp.getKvsList().stream().map(MvccAgreesWithReferenceTest::show).toList()).as(what).isEqualTo(expected);
  }

  /**
   * etcd's order: the keys read sorted (a target other than KEY with order NONE ascends), then limited; ties in key
   * order. The keys read are the whole range, or with order NONE, a limit and no revision filter the first limit + 1.
   */
  private static void sort(RangeRequest req, List<Kv> kvs) {
    RangeRequest.SortOrder order = req.getSortOrder();
    if (order == RangeRequest.SortOrder.NONE && req.getSortTarget() == RangeRequest.SortTarget.KEY) {
      return;
    }
    Comparator<Kv> c = switch (req.getSortTarget()) {
      case VERSION -> Comparator.comparingLong(Kv::version);
      case CREATE -> Comparator.comparingLong(Kv::create);
      case MOD -> Comparator.comparingLong(Kv::mod);
      case VALUE -> Comparator.comparing(Kv::value);
      default -> Comparator.comparing(Kv::key);
    };
    kvs.sort(order == RangeRequest.SortOrder.DESCEND ? c.reversed() : c);
  }

  /** The retained events (from the compact revision on), per revision, as the reference recorded them. */
  private void eventsAgree(String at) {
    long from = Math.max(1, ref.compacted);
    List<String> got = new ArrayList<>();
    for (RevisionEvents re : store.eventsSince(from)) {
      for (Event e : re.events()) {
        got.add(re.revision() + " " + e.getType() + " " + e.getKv().getKey().toStringUtf8() + " "
            + (e.getType() == Event.EventType.PUT ? show(e.getKv()) : "") + " prev " + show(e.hasPrevKv() ? e.getPrevKv() : null));
      }
    }
    List<String> expected = new ArrayList<>();
    ref.events.tailMap(from, true).forEach((rev, evs) -> {
      for (Ev e : evs) {
        expected.add(rev + " " + (e.kv() == null ? "DELETE" : "PUT") + " " + e.key() + " "
            + (e.kv() == null ? "" : show(e.kv())) + " prev " + show(e.prev()));
      }
    });
    assertThat(sortedWithin(got)).as(at + " events since " + from).isEqualTo(sortedWithin(expected));
  }

  /** Events compared as sets per revision: a lease revocation's deletions come in no set order. */
  private static List<String> sortedWithin(List<String> events) {
    List<String> out = new ArrayList<>(events);
    out.sort((x, y) -> {
      long rx = Long.parseLong(x.substring(0, x.indexOf(' ')));
      long ry = Long.parseLong(y.substring(0, y.indexOf(' ')));
      return rx != ry ? Long.compare(rx, ry) : x.compareTo(y);
    });
    return out;
  }

  private String key() {
    return KEYS[rnd.nextInt(KEYS.length)];
  }

  /** {from, to or null}: a single key, or a half-open range of the keys. */
  private String[] range(boolean interval) {
    if (!interval) {
      return new String[] {key(), null};
    }
    int from = rnd.nextInt(KEYS.length);
    int to = from + 1 + rnd.nextInt(KEYS.length - from);
    return new String[] {KEYS[from], to == KEYS.length ? "e" : KEYS[to]};
  }

  private static String outcome(Runnable r) {
    try {
      r.run();
      return "ok";
    } catch (StoreException e) {
      return e.error().name();
    }
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static String show(KeyValue kv) {
    return kv == null ? null : kv.getKey().toStringUtf8() + "=" + kv.getValue().toStringUtf8() + " c" + kv.getCreateRevision()
        + " m" + kv.getModRevision() + " v" + kv.getVersion() + " l" + kv.getLease();
  }

  private static String show(Kv kv) {
    return kv == null ? null : kv.key() + "=" + kv.value() + " c" + kv.create() + " m" + kv.mod() + " v" + kv.version()
        + " l" + kv.lease();
  }
}
