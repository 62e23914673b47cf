package io.plumbline.store.mvcc;

import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResponseOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import java.util.Iterator;
import java.util.List;

/**
 * Evaluates a txn inside the store's current write batch: one branch per txn, nested txns included, along the
 * path {@link TxnPath} decided from the store before the txn (so a nested txn's compares do not see the writes of
 * the ops before it, as in etcd).
 */
final class TxnEvaluator {
  /** etcd's Compare.LEASE target and Compare.lease field, absent from jetcd's older proto. */
  private static final int TARGET_LEASE = 4;
  private static final int LEASE_FIELD = 8;

  private TxnEvaluator() {}

  /**
   * Checks the whole txn once (the apply path sees requests a client never checked: replayed WAL), decides its
   * path and checks the ops on it before any runs (as etcd), then runs it.
   */
  static TxnResponse.Builder run(MvccStore s, TxnRequest t) {
    TxnChecks.check(t, Integer.MAX_VALUE);
    return evaluate(s, t, TxnPath.decideAndCheck(s, t).decisions());
  }

  private static TxnResponse.Builder evaluate(MvccStore s, TxnRequest t, Iterator<Boolean> path) {
    boolean ok = path.next();
    TxnResponse.Builder out = TxnResponse.newBuilder().setSucceeded(ok);
    for (RequestOp op : ok ? t.getSuccessList() : t.getFailureList()) {
      out.addResponses(apply(s, op, path));
    }
    return out;
  }

  private static ResponseOp apply(MvccStore s, RequestOp op, Iterator<Boolean> path) {
    ResponseOp.Builder r = ResponseOp.newBuilder();
    switch (op.getRequestCase()) {
      case REQUEST_RANGE -> r.setResponseRange(s.rangeInTxn(op.getRequestRange()));
      case REQUEST_PUT -> r.setResponsePut(s.putInBatch(op.getRequestPut()).setHeader(s.header()));
      case REQUEST_DELETE_RANGE ->
          r.setResponseDeleteRange(s.deleteInBatch(op.getRequestDeleteRange()).setHeader(s.header()));
      case REQUEST_TXN -> r.setResponseTxn(evaluate(s, op.getRequestTxn(), path).setHeader(s.header()));
      default -> { }
    }
    return r.build();
  }

  /** A compare over a range holds when it holds for every key; a missing key has zero fields. */
  static boolean holds(MvccStore s, Compare c) {
    List<KeyValue> kvs = s.liveAt(new KeyRange(c.getKey(), c.getRangeEnd()), Long.MAX_VALUE);
    if (kvs.isEmpty()) {
      return c.getTargetValue() != Compare.CompareTarget.VALUE_VALUE
          && compare(c, KeyValue.getDefaultInstance());
    }
    for (KeyValue kv : kvs) {
      if (!compare(c, kv)) {
        return false;
      }
    }
    return true;
  }

  private static boolean compare(Compare c, KeyValue kv) {
    int cmp;
    switch (c.getTargetValue()) {
      case Compare.CompareTarget.VALUE_VALUE ->
          cmp = KeyRange.ORDER.compare(kv.getValue(), c.getValue());
      case Compare.CompareTarget.VERSION_VALUE -> cmp = Long.compare(kv.getVersion(), c.getVersion());
      case Compare.CompareTarget.CREATE_VALUE ->
          cmp = Long.compare(kv.getCreateRevision(), c.getCreateRevision());
      case Compare.CompareTarget.MOD_VALUE -> cmp = Long.compare(kv.getModRevision(), c.getModRevision());
      case TARGET_LEASE -> cmp = Long.compare(kv.getLease(), leaseOperand(c));
      default -> cmp = 0; // as etcd's compareKV: an unknown target compares as equal
    }
    return switch (c.getResult()) {
      case EQUAL -> cmp == 0;
      case GREATER -> cmp > 0;
      case LESS -> cmp < 0;
      case NOT_EQUAL -> cmp != 0;
      default -> true; // etcd's compareKV: an unknown result holds
    };
  }

  /** The lease operand travels as an unknown field (number 8, varint) in jetcd's proto. */
  private static long leaseOperand(Compare c) {
    UnknownFieldSet.Field f = c.getUnknownFields().getField(LEASE_FIELD);
    return f == null || f.getVarintList().isEmpty() ? 0 : f.getVarintList().get(0);
  }
}
