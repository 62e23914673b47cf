package io.plumbline.store.auth;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.AuthDisableResponse;
import io.etcd.jetcd.api.AuthEnableResponse;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleAddResponse;
import io.etcd.jetcd.api.AuthRoleDeleteRequest;
import io.etcd.jetcd.api.AuthRoleDeleteResponse;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionResponse;
import io.etcd.jetcd.api.AuthRoleRevokePermissionRequest;
import io.etcd.jetcd.api.AuthRoleRevokePermissionResponse;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserAddResponse;
import io.etcd.jetcd.api.AuthUserChangePasswordRequest;
import io.etcd.jetcd.api.AuthUserChangePasswordResponse;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserDeleteResponse;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleResponse;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleResponse;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.AuthenticateResponse;
import io.plumbline.store.auth.AuthState.Permission;
import io.plumbline.store.auth.AuthState.User;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Applies one committed Auth change to the replicated {@link AuthState}, with etcd 3.4's rules
 * ({@code auth/store.go}, {@code apply_auth.go}): while auth is on, only root may change anything; auth can be
 * enabled only when a root user with the root role exists; root can be neither deleted nor stripped of the
 * root role while auth is on; deleting a user or changing its password invalidates its tokens. Deterministic:
 * every member reaches the same state. Returns the response (header unset) or throws a {@link StoreException}.
 */
public final class AuthMachine {
  private AuthMachine() {}

  public static Object apply(AuthState s, AuthCommand c, boolean keepsTokens) throws InvalidProtocolBufferException {
    AuthCommand.Op op = AuthCommand.Op.values()[c.op()];
    if (s.enabled && op != AuthCommand.Op.AUTHENTICATE && !s.isRoot(c.user())) {
      throw StoreError.PERMISSION_DENIED.exception();
    }
    Object response = switch (op) {
      case ENABLE -> enable(s);
      case DISABLE -> {
        s.enabled = false;
        yield AuthDisableResponse.getDefaultInstance();
      }
      case AUTHENTICATE -> authenticate(s, AuthenticateRequest.parseFrom(c.body()));
      case USER_ADD -> userAdd(s, AuthUserAddRequest.parseFrom(c.body()));
      case USER_DELETE -> userDelete(s, AuthUserDeleteRequest.parseFrom(c.body()), keepsTokens);
      case USER_CHANGE_PASSWORD -> changePassword(s, AuthUserChangePasswordRequest.parseFrom(c.body()), keepsTokens);
      case USER_GRANT_ROLE -> grantRole(s, AuthUserGrantRoleRequest.parseFrom(c.body()));
      case USER_REVOKE_ROLE -> revokeRole(s, AuthUserRevokeRoleRequest.parseFrom(c.body()));
      case ROLE_ADD -> roleAdd(s, AuthRoleAddRequest.parseFrom(c.body()));
      case ROLE_DELETE -> roleDelete(s, AuthRoleDeleteRequest.parseFrom(c.body()));
      case ROLE_GRANT_PERMISSION -> grantPermission(s, AuthRoleGrantPermissionRequest.parseFrom(c.body()));
      case ROLE_REVOKE_PERMISSION -> revokePermission(s, AuthRoleRevokePermissionRequest.parseFrom(c.body()));
    };
    if (op != AuthCommand.Op.AUTHENTICATE) {
      s.revision++;
    }
    return response;
  }

  private static Object enable(AuthState s) {
    if (!s.enabled) {
      User root = s.users.get(AuthState.ROOT);
      if (root == null) {
        throw StoreError.ROOT_USER_NOT_EXIST.exception();
      }
      if (!root.roles.contains(AuthState.ROOT)) {
        throw StoreError.ROOT_ROLE_NOT_EXIST.exception();
      }
      s.enabled = true;
      s.tokens.clear();
    }
    return AuthEnableResponse.getDefaultInstance();
  }

  /** The body carries the token chosen by the member that checked the password, in the password field. */
  private static Object authenticate(AuthState s, AuthenticateRequest r) {
    if (!s.enabled) {
      throw StoreError.AUTH_NOT_ENABLED.exception();
    }
    if (!s.users.containsKey(r.getName())) { // deleted since the password was checked
      throw StoreError.AUTH_FAILED.exception();
    }
    s.tokens.put(r.getPassword(), r.getName());
    Iterator<String> oldest = s.tokens.keySet().iterator();
    while (s.tokens.size() > AuthState.MAX_TOKENS) {
      oldest.next();
      oldest.remove();
    }
    return AuthenticateResponse.newBuilder().setToken(r.getPassword()).build();
  }

  private static Object userAdd(AuthState s, AuthUserAddRequest r) {
    if (r.getName().isEmpty()) {
      throw StoreError.USER_EMPTY.exception();
    }
    if (s.users.containsKey(r.getName())) {
      throw StoreError.USER_ALREADY_EXISTS.exception();
    }
    User u = new User();
    u.passwordHash = r.getPassword(); // the hash: see AuthCommand
    s.users.put(r.getName(), u);
    return AuthUserAddResponse.getDefaultInstance();
  }

  private static Object userDelete(AuthState s, AuthUserDeleteRequest r, boolean keepsTokens) {
    if (s.enabled && AuthState.ROOT.equals(r.getName())) {
      throw StoreError.INVALID_AUTH_MANAGEMENT.exception();
    }
    if (s.users.remove(r.getName()) == null) {
      throw StoreError.USER_NOT_FOUND.exception();
    }
    if (!keepsTokens) { // fault hook: auth-keeps-tokens
      s.tokens.values().removeIf(r.getName()::equals);
    }
    return AuthUserDeleteResponse.getDefaultInstance();
  }

  private static Object changePassword(AuthState s, AuthUserChangePasswordRequest r, boolean keepsTokens) {
    User u = user(s, r.getName());
    u.passwordHash = r.getPassword();
    if (!keepsTokens) { // fault hook: auth-keeps-tokens
      s.tokens.values().removeIf(r.getName()::equals);
    }
    return AuthUserChangePasswordResponse.getDefaultInstance();
  }

  private static Object grantRole(AuthState s, AuthUserGrantRoleRequest r) {
    User u = user(s, r.getUser());
    if (!AuthState.ROOT.equals(r.getRole()) && !s.roles.containsKey(r.getRole())) {
      throw StoreError.ROLE_NOT_FOUND.exception();
    }
    u.roles.add(r.getRole());
    return AuthUserGrantRoleResponse.getDefaultInstance();
  }

  private static Object revokeRole(AuthState s, AuthUserRevokeRoleRequest r) {
    if (s.enabled && AuthState.ROOT.equals(r.getName()) && AuthState.ROOT.equals(r.getRole())) {
      throw StoreError.INVALID_AUTH_MANAGEMENT.exception();
    }
    User u = user(s, r.getName());
    if (!u.roles.remove(r.getRole())) {
      throw StoreError.ROLE_NOT_GRANTED.exception();
    }
    return AuthUserRevokeRoleResponse.getDefaultInstance();
  }

  private static Object roleAdd(AuthState s, AuthRoleAddRequest r) {
    if (r.getName().isEmpty()) {
      throw StoreError.ROLE_EMPTY.exception();
    }
    if (s.roles.containsKey(r.getName())) {
      throw StoreError.ROLE_ALREADY_EXISTS.exception();
    }
    s.roles.put(r.getName(), new ArrayList<>());
    return AuthRoleAddResponse.getDefaultInstance();
  }

  private static Object roleDelete(AuthState s, AuthRoleDeleteRequest r) {
    if (s.enabled && AuthState.ROOT.equals(r.getRole())) {
      throw StoreError.INVALID_AUTH_MANAGEMENT.exception();
    }
    if (s.roles.remove(r.getRole()) == null) {
      throw StoreError.ROLE_NOT_FOUND.exception();
    }
    for (Map.Entry<String, User> u : s.users.entrySet()) {
      u.getValue().roles.remove(r.getRole());
    }
    return AuthRoleDeleteResponse.getDefaultInstance();
  }

  /** The same key and range end replace the permission's type (etcd merges by range). Kept sorted by key. */
  private static Object grantPermission(AuthState s, AuthRoleGrantPermissionRequest r) {
    List<Permission> perms = role(s, r.getName());
    Permission p = new Permission(r.getPerm().getPermTypeValue(), b64(r.getPerm().getKey()), b64(r.getPerm().getRangeEnd()));
    perms.removeIf(q -> q.key().equals(p.key()) && q.rangeEnd().equals(p.rangeEnd()));
    perms.add(p);
    perms.sort(java.util.Comparator.comparing((Permission q) -> Base64.getDecoder().decode(q.key()), java.util.Arrays::compareUnsigned)
        .thenComparing(q -> Base64.getDecoder().decode(q.rangeEnd()), java.util.Arrays::compareUnsigned));
    return AuthRoleGrantPermissionResponse.getDefaultInstance();
  }

  private static Object revokePermission(AuthState s, AuthRoleRevokePermissionRequest r) {
    List<Permission> perms = role(s, r.getRole());
    String key = b64(r.getKey());
    String end = b64(r.getRangeEnd());
    if (!perms.removeIf(q -> q.key().equals(key) && q.rangeEnd().equals(end))) {
      throw StoreError.PERMISSION_NOT_GRANTED.exception();
    }
    return AuthRoleRevokePermissionResponse.getDefaultInstance();
  }

  private static User user(AuthState s, String name) {
    User u = s.users.get(name);
    if (u == null) {
      throw StoreError.USER_NOT_FOUND.exception();
    }
    return u;
  }

  private static List<Permission> role(AuthState s, String name) {
    List<Permission> perms = s.roles.get(name);
    if (perms == null) {
      throw StoreError.ROLE_NOT_FOUND.exception();
    }
    return perms;
  }

  static String b64(ByteString bytes) {
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
