package io.plumbline.conformance.hostile;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.Status;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Requests at the edge of etcd's rules ({@code v3rpc/key.go} and the applier), each with etcd 3.4's answer:
 * the exact status code and message of a refusal, or the result of an accepted request.
 */
final class RequestChecks implements Check {
  /** etcd's default --max-request-bytes and --max-txn-ops. */
  static final int MAX_REQUEST_BYTES = 1536 * 1024;
  static final int MAX_TXN_OPS = 128;

  @Override
  public String name() {
    return "request-checks";
  }

  @Override
  public String description() {
    return "malformed and boundary KV requests get etcd 3.4's status code and message, accepted ones its result";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (RawChannel raw = new RawChannel(s.options().endpoints().get(0), s.options().tls())) {
      KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(raw.channel());
      for (RequestCase c : cases(s, () -> kv.withDeadlineAfter(s.options().callTimeout().toMillis(), TimeUnit.MILLISECONDS))) {
        String p = c.check(ev);
        if (p != null) {
          problems.add(p);
        }
      }
    }
    return Verdict.of(ev.size() + " requests answered as etcd 3.4 answers them", problems, ev);
  }

  private static List<RequestCase> cases(Session s, java.util.function.Supplier<KVGrpc.KVBlockingStub> kv) {
    ByteString a = key(s, "a");
    ByteString b = key(s, "b");
    return List.of(
        RequestCase.refused("put with ignore_value and a value", "etcdserver: value is provided",
            () -> kv.get().put(PutRequest.newBuilder().setKey(a).setValue(v("x")).setIgnoreValue(true).build())),
        RequestCase.refused("put with ignore_lease and a lease", "etcdserver: lease is provided",
            () -> kv.get().put(PutRequest.newBuilder().setKey(a).setLease(42).setIgnoreLease(true).build())),
        RequestCase.refused("txn with an empty RequestOp", "etcdserver: key not found",
            () -> kv.get().txn(TxnRequest.newBuilder().addSuccess(RequestOp.getDefaultInstance()).build())),
        RequestCase.refused("txn with " + (MAX_TXN_OPS + 1) + " puts", "etcdserver: too many operations in txn request",
            () -> kv.get().txn(manyPuts(s, MAX_TXN_OPS + 1))),
        RequestCase.refused("txn with " + (MAX_TXN_OPS + 1) + " compares", "etcdserver: too many operations in txn request",
            () -> kv.get().txn(manyCompares(s, MAX_TXN_OPS + 1))),
        // checked when applied (etcd's applier): a put that failed otherwise there would stop every member
        RequestCase.refused("put with ignore_lease of a key that does not exist", "etcdserver: key not found",
            () -> kv.get().put(PutRequest.newBuilder().setKey(key(s, "none")).setValue(v("x")).setIgnoreLease(true).build())),
        RequestCase.refused("put with ignore_value of a key that does not exist", "etcdserver: key not found",
            () -> kv.get().put(PutRequest.newBuilder().setKey(key(s, "none")).setIgnoreValue(true).build())),
        RequestCase.refused("txn putting one key twice", "etcdserver: duplicate key given in txn request",
            () -> kv.get().txn(TxnRequest.newBuilder().addSuccess(put(a)).addSuccess(put(a)).build())),
        RequestCase.ok("nested txn whose success and failure branches put one key", "succeeded=true",
            () -> "succeeded=" + kv.get().txn(TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder()
                .setRequestTxn(TxnRequest.newBuilder().addSuccess(put(a)).addFailure(put(a)))).build()).getSucceeded()),
        RequestCase.refused("put of exactly " + MAX_REQUEST_BYTES + " bytes", "etcdserver: request is too large",
            () -> kv.get().put(sized(b, MAX_REQUEST_BYTES))),
        RequestCase.ok("put of " + (MAX_REQUEST_BYTES - 1024) + " bytes", null,
            () -> kv.get().put(sized(b, MAX_REQUEST_BYTES - 1024)).hasHeader()),
        RequestCase.ok("txn comparing with an unknown target (7)", "succeeded=true",
            () -> "succeeded=" + kv.get().txn(TxnRequest.newBuilder().addCompare(Compare.newBuilder().setKey(a)
                .setTargetValue(7).setResultValue(Compare.CompareResult.EQUAL_VALUE)).build()).getSucceeded()),
        RequestCase.ok("range over 2 keys with min_mod_revision > max_mod_revision", "kvs=0 count=2",
            () -> rangeSummary(kv.get().range(RangeRequest.newBuilder().setKey(key(s, "")).setRangeEnd(key(s, "\u00ff"))
                .setMinModRevision(Long.MAX_VALUE - 1).setMaxModRevision(1).build()))),
        RequestCase.ok("range over 2 keys with min_mod_revision 2^40", "kvs=0 count=2",
            () -> rangeSummary(kv.get().range(all(s).setMinModRevision(1L << 40).build()))),
        RequestCase.ok("txn ranging over 2 keys with max_mod_revision -1", "kvs=0 count=2",
            () -> rangeSummary(kv.get().txn(TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder()
                .setRequestRange(all(s).setMaxModRevision(-1))).build()).getResponses(0).getResponseRange())),
        // etcd decides every nested txn's branch from the store as it was before the txn (compareToPath)
        RequestCase.ok("nested txn comparing a key the outer txn put just before", "nested succeeded=false",
            () -> "nested succeeded=" + kv.get().txn(TxnRequest.newBuilder()
                .addSuccess(put(key(s, "c"))).addSuccess(RequestOp.newBuilder().setRequestTxn(TxnRequest.newBuilder()
                    .addCompare(Compare.newBuilder().setKey(key(s, "c")).setTarget(Compare.CompareTarget.VERSION)
                        .setResult(Compare.CompareResult.GREATER).setVersion(0))))
                .build()).getResponses(1).getResponseTxn().getSucceeded()),
        // etcd's applier checks every put of the taken branch (leases) before any range (revisions)
        RequestCase.refused("txn: a range at a future revision, then a put with an unknown lease", Status.Code.NOT_FOUND,
            "etcdserver: requested lease not found", () -> kv.get().txn(TxnRequest.newBuilder()
                .addSuccess(RequestOp.newBuilder().setRequestRange(all(s).setRevision(1L << 40)))
                .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(a).setLease(UNKNOWN_LEASE)))
                .build())),
        RequestCase.refused("txn: a range at a future revision, then a put", Status.Code.OUT_OF_RANGE,
            "etcdserver: mvcc: required revision is a future revision", () -> kv.get().txn(TxnRequest.newBuilder()
                .addSuccess(RequestOp.newBuilder().setRequestRange(all(s).setRevision(1L << 40)))
                .addSuccess(put(b)).build())));
  }

  /** A lease id no test grants. */
  static final long UNKNOWN_LEASE = 0x7e57_1ea5_e000_0001L;

  /** A range over every key of this check. */
  private static RangeRequest.Builder all(Session s) {
    return RangeRequest.newBuilder().setKey(key(s, "")).setRangeEnd(key(s, "\u00ff"));
  }

  private static String rangeSummary(RangeResponse r) {
    return "kvs=" + r.getKvsCount() + " count=" + r.getCount();
  }

  private static TxnRequest manyPuts(Session s, int n) {
    TxnRequest.Builder t = TxnRequest.newBuilder();
    for (int i = 0; i < n; i++) {
      t.addSuccess(put(key(s, "many/" + i)));
    }
    return t.build();
  }

  /** A txn with {@code n} compares (each holds: the key's version is not negative) and one put. */
  private static TxnRequest manyCompares(Session s, int n) {
    TxnRequest.Builder t = TxnRequest.newBuilder().addSuccess(put(key(s, "many/compared")));
    for (int i = 0; i < n; i++) {
      t.addCompare(Compare.newBuilder().setKey(key(s, "many/" + i)).setTarget(Compare.CompareTarget.VERSION)
          .setResult(Compare.CompareResult.GREATER).setVersion(-1));
    }
    return t.build();
  }

  /** A put of {@code bytes} serialized bytes exactly. */
  static PutRequest sized(ByteString key, int bytes) {
    int value = bytes;
    PutRequest p;
    do {
      p = PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFrom(new byte[Math.max(0, value)])).build();
      value -= p.getSerializedSize() - bytes;
    } while (p.getSerializedSize() != bytes);
    return p;
  }

  private static RequestOp put(ByteString k) {
    return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(k).setValue(v("1"))).build();
  }

  static ByteString key(Session s, String suffix) {
    return ByteString.copyFromUtf8(s.prefix() + "hostile/k/" + suffix);
  }

  private static ByteString v(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
