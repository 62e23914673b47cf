package io.plumbline.store.fault;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.mvcc.StoreException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@code split-txn} fault: a txn's compares are evaluated once, then each operation of the chosen
 * branch runs as a txn of its own, so every write gets its own revision. Between two operations the
 * store's write lock is released for a moment, so concurrent readers can see the txn half applied
 * (etcd guarantees they never do). Deterministic: every member splits the same txn the same way.
 */
public final class SplitTxn {
  /** How long readers get between two parts of a split txn: wide enough for a read to land there. */
  private static final long GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private SplitTxn() {}

  /**
   * Applies the txn in {@code payload} (a {@link TxnRequest}) to {@code store}; the caller holds
   * {@code writeLock}. Returns the {@link TxnResponse}, or the {@link StoreException} an operation
   * failed with (the operations before it stay applied: that is the fault).
   */
  public static Object apply(MvccStore store, byte[] payload, Lock writeLock) {
    TxnRequest t = parse(payload);
    try {
      boolean succeeded = store.txn(TxnRequest.newBuilder().addAllCompare(t.getCompareList()).build()).getSucceeded();
      TxnResponse.Builder out = TxnResponse.newBuilder().setSucceeded(succeeded);
      boolean first = true;
      for (RequestOp op : succeeded ? t.getSuccessList() : t.getFailureList()) {
        if (!first) {
          letReadersIn(writeLock);
        }
        first = false;
        out.addResponses(store.txn(TxnRequest.newBuilder().addSuccess(op).build()).getResponses(0));
      }
      return out.setHeader(ResponseHeader.newBuilder().setRevision(store.currentRevision())).build();
    } catch (StoreException e) {
      return e;
    }
  }

  private static void letReadersIn(Lock writeLock) {
    writeLock.unlock();
    try {
      LockSupport.parkNanos(GAP_NANOS);
    } finally {
      writeLock.lock();
    }
  }

  private static TxnRequest parse(byte[] payload) {
    try {
      return TxnRequest.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("committed txn does not parse", e);
    }
  }
}
