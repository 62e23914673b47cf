package io.plumbline.store.mvcc;

import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A txn's path, decided before any of its ops runs, as etcd 3.4's applier does ({@code compareToPath} and
 * {@code checkRequests} in {@code etcdserver/apply.go}): the compares of the txn and of every nested txn on the
 * taken branches are evaluated against the store as it was before the txn; then, for a txn that writes, every
 * put on the path is checked (its lease exists; with ignore_value/ignore_lease its key exists), and only then
 * every range on the path (its revision neither future nor compacted). So a txn holding a range at a future
 * revision and a put with an unknown lease fails on the lease, whatever their order. Linear in the txn's size.
 */
final class TxnPath {
  private final List<Boolean> taken = new ArrayList<>();

  private TxnPath() {}

  /** Decides {@code t}'s path in {@code s} (no write of the txn applied yet) and runs etcd's checks on it. */
  static TxnPath decideAndCheck(MvccStore s, TxnRequest t) {
    TxnPath p = new TxnPath();
    p.decide(s, t);
    if (writes(t)) {
      p.forEachOp(t, op -> {
        if (op.getRequestCase() == RequestOp.RequestCase.REQUEST_PUT) {
          checkPut(s, op.getRequestPut());
        }
      });
    }
    p.forEachOp(t, op -> {
      if (op.getRequestCase() == RequestOp.RequestCase.REQUEST_RANGE) {
        checkRange(s, op.getRequestRange());
      }
    });
    return p;
  }

  /** The branch decisions in the order the evaluation takes them: the txn's, then its nested txns' depth first. */
  Iterator<Boolean> decisions() {
    return taken.iterator();
  }

  private void decide(MvccStore s, TxnRequest t) {
    boolean ok = t.getCompareList().stream().allMatch(c -> TxnEvaluator.holds(s, c));
    taken.add(ok);
    for (RequestOp op : ok ? t.getSuccessList() : t.getFailureList()) {
      if (op.getRequestCase() == RequestOp.RequestCase.REQUEST_TXN) {
        decide(s, op.getRequestTxn());
      }
    }
  }

  /** Every op on the path (nested txns entered), in order. */
  private void forEachOp(TxnRequest t, java.util.function.Consumer<RequestOp> visit) {
    Iterator<Boolean> d = decisions();
    walk(t, d, visit);
  }

  private static void walk(TxnRequest t, Iterator<Boolean> d, java.util.function.Consumer<RequestOp> visit) {
    for (RequestOp op : d.next() ? t.getSuccessList() : t.getFailureList()) {
      visit.accept(op);
      if (op.getRequestCase() == RequestOp.RequestCase.REQUEST_TXN) {
        walk(op.getRequestTxn(), d, visit);
      }
    }
  }

  /** etcd's {@code isTxnReadonly}, negated: a put or delete anywhere in either branch, nested txns included. */
  private static boolean writes(TxnRequest t) {
    for (List<RequestOp> ops : List.of(t.getSuccessList(), t.getFailureList())) {
      for (RequestOp op : ops) {
        switch (op.getRequestCase()) {
          case REQUEST_PUT, REQUEST_DELETE_RANGE -> {
            return true;
          }
          case REQUEST_TXN -> {
            if (writes(op.getRequestTxn())) {
              return true;
            }
          }
          default -> { }
        }
      }
    }
    return false;
  }

  /** etcd's {@code checkPut}. */
  private static void checkPut(MvccStore s, PutRequest r) {
    if (r.getIgnoreValue() || r.getIgnoreLease()) {
      KeyHistory h = s.keys.get(r.getKey());
      KeyValue latest = h == null ? null : h.latest();
      if (latest == null) {
        throw StoreError.KEY_NOT_FOUND.exception();
      }
    }
    if (r.getLease() != 0 && !s.leases.containsKey(r.getLease())) {
      throw StoreError.LEASE_NOT_FOUND.exception();
    }
  }

  /** etcd's {@code checkRange}. */
  private static void checkRange(MvccStore s, RangeRequest r) {
    if (r.getRevision() == 0) {
      return;
    }
    if (r.getRevision() > s.currentRevision) {
      throw StoreError.FUTURE_REV.exception();
    }
    if (r.getRevision() < s.compactRevision) {
      throw StoreError.COMPACTED.exception();
    }
  }
}
