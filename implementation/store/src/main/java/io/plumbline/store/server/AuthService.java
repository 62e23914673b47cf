package io.plumbline.store.server;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import io.etcd.jetcd.api.AuthDisableRequest;
import io.etcd.jetcd.api.AuthDisableResponse;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthEnableResponse;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleAddResponse;
import io.etcd.jetcd.api.AuthRoleDeleteRequest;
import io.etcd.jetcd.api.AuthRoleDeleteResponse;
import io.etcd.jetcd.api.AuthRoleGetRequest;
import io.etcd.jetcd.api.AuthRoleGetResponse;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionResponse;
import io.etcd.jetcd.api.AuthRoleListRequest;
import io.etcd.jetcd.api.AuthRoleListResponse;
import io.etcd.jetcd.api.AuthRoleRevokePermissionRequest;
import io.etcd.jetcd.api.AuthRoleRevokePermissionResponse;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserAddResponse;
import io.etcd.jetcd.api.AuthUserChangePasswordRequest;
import io.etcd.jetcd.api.AuthUserChangePasswordResponse;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserDeleteResponse;
import io.etcd.jetcd.api.AuthUserGetRequest;
import io.etcd.jetcd.api.AuthUserGetResponse;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleResponse;
import io.etcd.jetcd.api.AuthUserListRequest;
import io.etcd.jetcd.api.AuthUserListResponse;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleResponse;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.AuthenticateResponse;
import io.etcd.jetcd.api.Permission;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.auth.AuthCommand;
import io.plumbline.store.auth.AuthCommand.Op;
import io.plumbline.store.auth.AuthState;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import io.plumbline.store.node.Command;
import io.plumbline.store.node.StoreNode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * etcd's Auth service. Changes go through Raft as {@link AuthCommand}s, so every member applies them in the
 * same order. Passwords are hashed here with bcrypt (etcd's cost 10; Bouncy Castle's implementation) and only
 * the hash enters the log. Authenticate checks the password here, then replicates the new simple token so any
 * member accepts it. Gets and lists read the local state after a ReadIndex round.
 */
final class AuthService implements AuthGrpc.AsyncService {
  private static final int BCRYPT_COST = 10;
  private static final String TOKEN_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private final StoreNode node;
  private final AuthGate gate;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong tokenSerial = new AtomicLong();

  AuthService(StoreNode node, AuthGate gate) {
    this.node = node;
    this.gate = gate;
  }

  @Override
  public void authEnable(AuthEnableRequest r, StreamObserver<AuthEnableResponse> reply) {
    change(Op.ENABLE, r, reply);
  }

  @Override
  public void authDisable(AuthDisableRequest r, StreamObserver<AuthDisableResponse> reply) {
    change(Op.DISABLE, r, reply);
  }

  @Override
  public void authenticate(AuthenticateRequest r, StreamObserver<AuthenticateResponse> reply) {
    AuthState s = gate.state();
    if (!s.enabled) {
      Errors.fail(reply, StoreError.AUTH_NOT_ENABLED.exception());
      return;
    }
    AuthState.User u = s.users.get(r.getName());
    boolean anyPassword = node.config().faults().authAcceptsAnyPassword(); // fault hook: auth-accepts-any-password
    if (u == null || u.passwordHash == null
        || !anyPassword && !OpenBSDBCrypt.checkPassword(u.passwordHash, r.getPassword().toCharArray())) {
      Errors.fail(reply, StoreError.AUTH_FAILED.exception());
      return;
    }
    AuthenticateRequest withToken = AuthenticateRequest.newBuilder().setName(r.getName()).setPassword(newToken()).build();
    propose(new AuthCommand("", (byte) Op.AUTHENTICATE.ordinal(), withToken.toByteArray()), reply);
  }

  @Override
  public void userAdd(AuthUserAddRequest r, StreamObserver<AuthUserAddResponse> reply) {
    change(Op.USER_ADD, r.toBuilder().setPassword(hash(r.getPassword())).build(), reply);
  }

  @Override
  public void userDelete(AuthUserDeleteRequest r, StreamObserver<AuthUserDeleteResponse> reply) {
    change(Op.USER_DELETE, r, reply);
  }

  @Override
  public void userChangePassword(AuthUserChangePasswordRequest r, StreamObserver<AuthUserChangePasswordResponse> reply) {
    change(Op.USER_CHANGE_PASSWORD, r.toBuilder().setPassword(hash(r.getPassword())).build(), reply);
  }

  @Override
  public void userGrantRole(AuthUserGrantRoleRequest r, StreamObserver<AuthUserGrantRoleResponse> reply) {
    change(Op.USER_GRANT_ROLE, r, reply);
  }

  @Override
  public void userRevokeRole(AuthUserRevokeRoleRequest r, StreamObserver<AuthUserRevokeRoleResponse> reply) {
    change(Op.USER_REVOKE_ROLE, r, reply);
  }

  @Override
  public void roleAdd(AuthRoleAddRequest r, StreamObserver<AuthRoleAddResponse> reply) {
    change(Op.ROLE_ADD, r, reply);
  }

  @Override
  public void roleDelete(AuthRoleDeleteRequest r, StreamObserver<AuthRoleDeleteResponse> reply) {
    change(Op.ROLE_DELETE, r, reply);
  }

  @Override
  public void roleGrantPermission(AuthRoleGrantPermissionRequest r, StreamObserver<AuthRoleGrantPermissionResponse> reply) {
    change(Op.ROLE_GRANT_PERMISSION, r, reply);
  }

  @Override
  public void roleRevokePermission(AuthRoleRevokePermissionRequest r, StreamObserver<AuthRoleRevokePermissionResponse> reply) {
    change(Op.ROLE_REVOKE_PERMISSION, r, reply);
  }

  /** A user may read itself; root anyone (etcd's UserGet). */
  @Override
  public void userGet(AuthUserGetRequest r, StreamObserver<AuthUserGetResponse> reply) {
    read(reply, user -> {
      AuthState s = gate.state();
      if (user != null && !user.equals(r.getName()) && !s.isRoot(user)) {
        throw StoreError.PERMISSION_DENIED.exception();
      }
      AuthState.User u = s.users.get(r.getName());
      if (u == null) {
        throw StoreError.USER_NOT_FOUND.exception();
      }
      return AuthUserGetResponse.newBuilder().addAllRoles(u.roles);
    });
  }

  @Override
  public void userList(AuthUserListRequest r, StreamObserver<AuthUserListResponse> reply) {
    read(reply, user -> {
      requireRoot(user);
      return AuthUserListResponse.newBuilder().addAllUsers(gate.state().users.keySet());
    });
  }

  /** A user may read the roles it holds; root any (etcd's RoleGet). */
  @Override
  public void roleGet(AuthRoleGetRequest r, StreamObserver<AuthRoleGetResponse> reply) {
    read(reply, user -> {
      AuthState s = gate.state();
      AuthState.User u = user == null ? null : s.users.get(user);
      if (user != null && !s.isRoot(user) && (u == null || !u.roles.contains(r.getRole()))) {
        throw StoreError.PERMISSION_DENIED.exception();
      }
      List<AuthState.Permission> perms = s.roles.get(r.getRole());
      if (perms == null) {
        throw StoreError.ROLE_NOT_FOUND.exception();
      }
      AuthRoleGetResponse.Builder b = AuthRoleGetResponse.newBuilder();
      for (AuthState.Permission p : perms) {
        b.addPerm(Permission.newBuilder().setPermTypeValue(p.type())
            .setKey(com.google.protobuf.ByteString.copyFrom(Base64.getDecoder().decode(p.key())))
            .setRangeEnd(com.google.protobuf.ByteString.copyFrom(Base64.getDecoder().decode(p.rangeEnd()))));
      }
      return b;
    });
  }

  @Override
  public void roleList(AuthRoleListRequest r, StreamObserver<AuthRoleListResponse> reply) {
    read(reply, user -> {
      requireRoot(user);
      return AuthRoleListResponse.newBuilder().addAllRoles(gate.state().roles.keySet());
    });
  }

  private void requireRoot(String user) {
    if (user != null && !gate.state().isRoot(user)) {
      throw StoreError.PERMISSION_DENIED.exception();
    }
  }

  private <T> void change(Op op, MessageLite body, StreamObserver<T> reply) {
    String user;
    try {
      user = gate.user();
    } catch (StoreException e) {
      Errors.fail(reply, e);
      return;
    }
    propose(new AuthCommand(user == null ? "" : user, (byte) op.ordinal(), body.toByteArray()), reply);
  }

  private <T> void propose(AuthCommand c, StreamObserver<T> reply) {
    node.propose(Command.Type.AUTH, c.encode()).whenComplete((res, err) -> {
      if (err != null) {
        Errors.fail(reply, err);
      } else {
        reply.onNext(withHeader(res));
        reply.onCompleted();
      }
    });
  }

  /** A local read after a ReadIndex round, for the caller resolved now (the call's context is gone later). */
  private <T> void read(StreamObserver<T> reply, java.util.function.Function<String, Message.Builder> answer) {
    String user;
    try {
      user = gate.user();
    } catch (StoreException e) {
      Errors.fail(reply, e);
      return;
    }
    node.readBarrier().whenComplete((ok, err) -> {
      if (err != null) {
        Errors.fail(reply, err);
        return;
      }
      try {
        reply.onNext(withHeader(answer.apply(user).build()));
        reply.onCompleted();
      } catch (StoreException e) {
        Errors.fail(reply, e);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private <T> T withHeader(Object response) {
    Message m = (Message) response;
    FieldDescriptor header = m.getDescriptorForType().findFieldByName("header");
    return (T) m.toBuilder().setField(header, node.header(node.read(x -> x.currentRevision()))).build();
  }

  private String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate(password.toCharArray(), salt, BCRYPT_COST);
  }

  /** etcd's simple token shape: 16 random letters, a dot, a serial. */
  private String newToken() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      b.append(TOKEN_LETTERS.charAt(random.nextInt(TOKEN_LETTERS.length())));
    }
    return b.append('.').append(tokenSerial.incrementAndGet()).toString();
  }
}
