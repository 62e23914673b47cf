package io.plumbline.store.node;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.TxnRequest;
import io.plumbline.store.auth.AuthCommand;
import io.plumbline.store.auth.AuthMachine;
import io.plumbline.store.auth.AuthState;
import io.plumbline.store.auth.AuthStates;
import io.plumbline.store.auth.Permissions;
import io.plumbline.store.mvcc.MvccStore;

/**
 * The apply side of auth, as etcd's {@code authApplierV3}: Auth changes update the replicated state; a user's
 * write is checked against the permissions as they are when it is applied (a role revoked just before is
 * already in force), then applied as usual. Throws the {@code StoreException} the request fails with.
 */
final class AuthApply {
  private AuthApply() {}

  static Object auth(MvccStore s, byte[] payload) throws InvalidProtocolBufferException {
    AuthState state = AuthState.parse(s.meta().get(AuthStates.META_KEY)); // a fresh copy: a refusal changes nothing
    Object response = AuthMachine.apply(state, AuthCommand.decode(payload), s.faults().authKeepsTokens());
    s.putMeta(AuthStates.META_KEY, state.toJson());
    return response;
  }

  static Object asUser(MvccStore s, Command c) throws InvalidProtocolBufferException {
    AuthCommand a = AuthCommand.decode(c.payload());
    Command inner = new Command(Command.Type.values()[a.op()], c.requestId(), a.body());
    Permissions p = new Permissions(AuthStates.of(s.meta().get(AuthStates.META_KEY)), s.faults().authIgnoresPermissions());
    switch (inner.type()) {
      case PUT -> p.checkPut(a.user(), PutRequest.parseFrom(a.body()));
      case DELETE_RANGE -> p.checkDelete(a.user(), DeleteRangeRequest.parseFrom(a.body()));
      case TXN -> p.checkTxn(a.user(), TxnRequest.parseFrom(a.body()));
      case COMPACT -> { } // etcd 3.4 asks no permission for compaction, only a valid token
      default -> throw new IllegalStateException("a user's " + inner.type() + " is not wrapped");
    }
    return Applier.apply(s, inner);
  }
}
