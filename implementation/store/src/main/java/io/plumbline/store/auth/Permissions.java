package io.plumbline.store.auth;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.plumbline.store.mvcc.StoreError;

/**
 * etcd's permission checks for key-value requests ({@code auth/store.go} isOpPermitted, {@code apply_auth.go}):
 * root may do anything; others need a role whose permissions cover the keys, read for ranges and compares
 * (and prev_kv), write for puts and deletes. Every failure is {@link StoreError#PERMISSION_DENIED}.
 */
public final class Permissions {
  private final AuthState state;
  private final boolean ignored;

  /** {@code ignored}: the auth-ignores-permissions fault mode (every authenticated user may do anything). */
  public Permissions(AuthState state, boolean ignored) {
    this.state = state;
    this.ignored = ignored;
  }

  public void checkRange(String user, ByteString key, ByteString rangeEnd) {
    check(user, false, key, rangeEnd);
  }

  public void checkPut(String user, PutRequest r) {
    check(user, true, r.getKey(), ByteString.EMPTY);
    if (r.getPrevKv()) {
      check(user, false, r.getKey(), ByteString.EMPTY);
    }
  }

  public void checkDelete(String user, DeleteRangeRequest r) {
    check(user, true, r.getKey(), r.getRangeEnd());
    if (r.getPrevKv()) {
      check(user, false, r.getKey(), r.getRangeEnd());
    }
  }

  /** Every compare, and every op of both branches, nested txns included. */
  public void checkTxn(String user, TxnRequest r) {
    for (Compare c : r.getCompareList()) {
      check(user, false, c.getKey(), c.getRangeEnd());
    }
    for (RequestOp op : r.getSuccessList()) {
      checkOp(user, op);
    }
    for (RequestOp op : r.getFailureList()) {
      checkOp(user, op);
    }
  }

  private void checkOp(String user, RequestOp op) {
    switch (op.getRequestCase()) {
      case REQUEST_RANGE -> checkRange(user, op.getRequestRange().getKey(), op.getRequestRange().getRangeEnd());
      case REQUEST_PUT -> checkPut(user, op.getRequestPut());
      case REQUEST_DELETE_RANGE -> checkDelete(user, op.getRequestDeleteRange());
      case REQUEST_TXN -> checkTxn(user, op.getRequestTxn());
      default -> { }
    }
  }

  /** Write permission on every key attached to a lease (etcd's LeaseRevoke check). */
  public void checkWrite(String user, ByteString key) {
    check(user, true, key, ByteString.EMPTY);
  }

  private void check(String user, boolean write, ByteString key, ByteString rangeEnd) {
    if (!state.enabled) {
      return;
    }
    if (user == null || user.isEmpty()) {
      throw StoreError.USER_EMPTY.exception();
    }
    if (ignored || state.isRoot(user)) { // fault hook: auth-ignores-permissions
      return;
    }
    if (!KeyCoverage.covers(state.permissionsOf(user), write, key, rangeEnd)) {
      throw StoreError.PERMISSION_DENIED.exception();
    }
  }
}
