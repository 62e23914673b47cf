package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks etcd 3.4 makes on a request before it enters the log ({@code v3rpc/key.go}:
 * {@code checkTxnRequest}, {@code checkRequestOp}, {@code checkPutRequest}, {@code checkIntervals}), in
 * etcd's order, so the same bad request gets the same error. Each walks the request once: the work is
 * linear in its size however deep txns nest (a walk per nesting level doubled the work per level).
 */
public final class TxnChecks {
  /** etcd's default --max-txn-ops. */
  public static final int DEFAULT_MAX_TXN_OPS = 128;

  private TxnChecks() {}

  /** Everything etcd checks on a txn: shape and limits first (one walk), then duplicate writes (one walk). */
  public static void check(TxnRequest t, int maxTxnOps) {
    checkShape(t, maxTxnOps);
    duplicates(t);
  }

  /** etcd's checkPutRequest. */
  public static void checkPut(PutRequest r) {
    requireKey(r.getKey());
    if (r.getIgnoreValue() && !r.getValue().isEmpty()) {
      throw StoreError.VALUE_PROVIDED.exception();
    }
    if (r.getIgnoreLease() && r.getLease() != 0) {
      throw StoreError.LEASE_PROVIDED.exception();
    }
  }

  /** etcd's checkDeleteRequest (and checkRangeRequest): a key is required. */
  public static void checkDelete(DeleteRangeRequest r) {
    requireKey(r.getKey());
  }

  /** etcd's checkTxnRequest: ops per branch, compare keys, then every op (nested txns recursively). */
  private static void checkShape(TxnRequest t, int maxTxnOps) {
    if (Math.max(t.getCompareCount(), Math.max(t.getSuccessCount(), t.getFailureCount())) > maxTxnOps) {
      throw StoreError.TOO_MANY_OPS.exception();
    }
    for (var c : t.getCompareList()) {
      requireKey(c.getKey());
    }
    for (RequestOp op : t.getSuccessList()) {
      checkOp(op, maxTxnOps);
    }
    for (RequestOp op : t.getFailureList()) {
      checkOp(op, maxTxnOps);
    }
  }

  /** etcd's checkRequestOp: an op with no request set is "key not found". */
  private static void checkOp(RequestOp op, int maxTxnOps) {
    switch (op.getRequestCase()) {
      case REQUEST_RANGE -> requireKey(op.getRequestRange().getKey());
      case REQUEST_PUT -> checkPut(op.getRequestPut());
      case REQUEST_DELETE_RANGE -> checkDelete(op.getRequestDeleteRange());
      case REQUEST_TXN -> checkShape(op.getRequestTxn(), maxTxnOps);
      default -> throw StoreError.KEY_NOT_FOUND.exception();
    }
  }

  private static void duplicates(TxnRequest t) {
    writes(t.getSuccessList());
    writes(t.getFailureList());
  }

  /** The keys put and ranges deleted by one branch, nested txns included. */
  private record Writes(Set<ByteString> puts, KeyIntervals deletes) {}

  /**
   * etcd's checkIntervals: within one branch no key is put twice or put inside a deleted range; a nested
   * txn's two branches exclude each other, so they may write the same key. Each branch is walked once.
   */
  private static Writes writes(List<RequestOp> ops) {
    KeyIntervals deletes = new KeyIntervals();
    for (RequestOp op : ops) {
      if (op.hasRequestDeleteRange()) {
        deletes.add(new KeyRange(op.getRequestDeleteRange().getKey(), op.getRequestDeleteRange().getRangeEnd()));
      }
    }
    Set<ByteString> puts = new HashSet<>();
    for (RequestOp op : ops) {
      if (op.hasRequestTxn()) {
        Writes then = writes(op.getRequestTxn().getSuccessList());
        Writes otherwise = writes(op.getRequestTxn().getFailureList());
        for (ByteString k : then.puts()) {
          requireFresh(!puts.add(k) || deletes.contains(k));
        }
        for (ByteString k : otherwise.puts()) {
          requireFresh((!puts.add(k) && !then.puts().contains(k)) || deletes.contains(k));
        }
        deletes.addAll(then.deletes());
        deletes.addAll(otherwise.deletes());
      }
    }
    for (RequestOp op : ops) {
      if (op.hasRequestPut()) {
        ByteString k = op.getRequestPut().getKey();
        requireFresh(!puts.add(k) || deletes.contains(k));
      }
    }
    return new Writes(puts, deletes);
  }

  private static void requireFresh(boolean duplicate) {
    if (duplicate) {
      throw StoreError.DUPLICATE_KEY.exception();
    }
  }

  private static void requireKey(ByteString key) {
    if (key.isEmpty()) {
      throw StoreError.EMPTY_KEY.exception();
    }
  }
}
