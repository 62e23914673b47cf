package io.plumbline.store.server;

import io.plumbline.store.auth.AuthState;
import io.plumbline.store.auth.AuthStates;
import io.plumbline.store.auth.Permissions;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.node.StoreNode;

/**
 * The request side of auth on one member: who the caller is (etcd's AuthInfoFromCtx) and the checks made
 * before a request enters the log or is answered from local state. Writes are checked again when applied.
 */
final class AuthGate {
  /** etcd's cancel reason for a watch the user may not read. */
  static final String WATCH_DENIED = "rpc error: code = PermissionDenied desc = " + StoreError.PERMISSION_DENIED.message();
  private final StoreNode node;

  AuthGate(StoreNode node) {
    this.node = node;
  }

  AuthState state() {
    return AuthStates.of(node.read(m -> m.meta().get(AuthStates.META_KEY)));
  }

  Permissions permissions() {
    return new Permissions(state(), node.config().faults().authIgnoresPermissions());
  }

  /** The caller of the current gRPC call; see {@link #user(String, String)}. */
  String user() {
    return user(Callers.TOKEN.get(), Callers.CERT_USER.get());
  }

  /**
   * Null while auth is off (no checks); otherwise the token's user, else the client certificate's CN, else
   * "" (anonymous: refused by every permission check with "user name is empty"). An unknown token fails with
   * etcd's "invalid auth token".
   */
  String user(String token, String certUser) {
    AuthState s = state();
    if (!s.enabled) {
      return null;
    }
    if (token != null) {
      String u = s.tokens.get(token);
      if (u == null) {
        throw StoreError.INVALID_AUTH_TOKEN.exception();
      }
      return u;
    }
    if (certUser != null) {
      return certUser;
    }
    return node.config().faults().authAllowsAnonymous() ? AuthState.ROOT : ""; // fault hook: auth-allows-anonymous
  }

  /** Maintenance calls that etcd reserves for root (hash, defragment): its untranslated auth error otherwise. */
  void requireRoot() {
    String user = user();
    if (user != null && !state().isRoot(user)) {
      throw StoreError.MAINTENANCE_DENIED.exception();
    }
  }
}
