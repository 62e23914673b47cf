package io.plumbline.store.fault;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.plumbline.store.mvcc.KeyRange;
import io.plumbline.store.mvcc.StoreError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code nested-txn-hang} fault: the txn check the store once had. It checks a nested txn, then walks
 * the nested txn's branches again to merge their writes, so every nesting level doubles the work (a
 * 40-deep txn of 200 bytes never finishes), and it also rejects a nested txn whose two branches put the
 * same key, which etcd allows. Kept so the conformance suite and fuzzers can show they notice.
 */
public final class QuadraticTxnChecks {
  private QuadraticTxnChecks() {}

  public static void check(TxnRequest t, int maxTxnOps) {
    if (t.getCompareCount() > maxTxnOps || t.getSuccessCount() > maxTxnOps
        || t.getFailureCount() > maxTxnOps) {
      throw StoreError.TOO_MANY_OPS.exception();
    }
    for (var c : t.getCompareList()) {
      if (c.getKey().isEmpty()) {
        throw StoreError.EMPTY_KEY.exception();
      }
    }
    writes(t.getSuccessList(), maxTxnOps);
    writes(t.getFailureList(), maxTxnOps);
  }

  /** The writes of one branch: put keys and delete ranges; throws on a duplicate. */
  private static Writes writes(List<RequestOp> ops, int maxTxnOps) {
    Writes w = new Writes();
    for (RequestOp op : ops) {
      switch (op.getRequestCase()) {
        case REQUEST_PUT -> w.put(op.getRequestPut().getKey());
        case REQUEST_DELETE_RANGE -> w.delete(new KeyRange(op.getRequestDeleteRange().getKey(),
            op.getRequestDeleteRange().getRangeEnd()));
        case REQUEST_RANGE -> requireKey(op.getRequestRange().getKey());
        case REQUEST_TXN -> {
          check(op.getRequestTxn(), maxTxnOps);
          w.merge(writes(op.getRequestTxn().getSuccessList(), maxTxnOps));
          w.merge(writes(op.getRequestTxn().getFailureList(), maxTxnOps));
        }
        default -> { }
      }
    }
    return w;
  }

  private static void requireKey(ByteString key) {
    if (key.isEmpty()) {
      throw StoreError.EMPTY_KEY.exception();
    }
  }

  /** Put keys and delete ranges seen so far in a branch. */
  private static final class Writes {
    final Set<ByteString> puts = new HashSet<>();
    final List<KeyRange> deletes = new ArrayList<>();

    void put(ByteString key) {
      requireKey(key);
      if (!puts.add(key) || deletes.stream().anyMatch(d -> d.contains(key))) {
        throw StoreError.DUPLICATE_KEY.exception();
      }
    }

    void delete(KeyRange range) {
      requireKey(range.key());
      if (puts.stream().anyMatch(range::contains)) {
        throw StoreError.DUPLICATE_KEY.exception();
      }
      deletes.add(range);
    }

    /** A nested txn's writes join ours; its two branches may overlap each other but not us. */
    void merge(Writes nested) {
      for (ByteString k : nested.puts) {
        if (puts.contains(k) || deletes.stream().anyMatch(d -> d.contains(k))) {
          throw StoreError.DUPLICATE_KEY.exception();
        }
      }
      for (KeyRange d : nested.deletes) {
        if (puts.stream().anyMatch(d::contains)) {
          throw StoreError.DUPLICATE_KEY.exception();
        }
      }
      puts.addAll(nested.puts);
      deletes.addAll(nested.deletes);
    }
  }
}
