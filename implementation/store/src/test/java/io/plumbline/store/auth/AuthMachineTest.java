package io.plumbline.store.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.PutRequest;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import org.junit.jupiter.api.Test;

/** etcd 3.4's auth rules on the pure state machine, and the key-range coverage of permissions. */
class AuthMachineTest {
  private final AuthState s = new AuthState();

  private Object apply(String user, AuthCommand.Op op, MessageLite body) throws Exception {
    return AuthMachine.apply(s, new AuthCommand(user, (byte) op.ordinal(), body.toByteArray()), false);
  }

  private StoreError error(String user, AuthCommand.Op op, MessageLite body) {
    try {
      apply(user, op, body);
      return null;
    } catch (StoreException e) {
      return e.error();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void rootWithRole() throws Exception {
    apply("", AuthCommand.Op.USER_ADD, AuthUserAddRequest.newBuilder().setName("root").setPassword("hash").build());
    apply("", AuthCommand.Op.USER_GRANT_ROLE, AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
  }

  @Test
  void enableNeedsARootUserWithTheRootRole() throws Exception {
    assertThat(error("", AuthCommand.Op.ENABLE, AuthUserAddRequest.getDefaultInstance())).isEqualTo(StoreError.ROOT_USER_NOT_EXIST);
    apply("", AuthCommand.Op.USER_ADD, AuthUserAddRequest.newBuilder().setName("root").setPassword("hash").build());
    assertThat(error("", AuthCommand.Op.ENABLE, AuthUserAddRequest.getDefaultInstance())).isEqualTo(StoreError.ROOT_ROLE_NOT_EXIST);
    apply("", AuthCommand.Op.USER_GRANT_ROLE, AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
    apply("", AuthCommand.Op.ENABLE, AuthUserAddRequest.getDefaultInstance());
    assertThat(s.enabled).isTrue();
  }

  @Test
  void whileEnabledOnlyRootChangesAnythingAndRootCannotBeRemoved() throws Exception {
    rootWithRole();
    apply("", AuthCommand.Op.ENABLE, AuthUserAddRequest.getDefaultInstance());
    assertThat(error("alice", AuthCommand.Op.USER_ADD, AuthUserAddRequest.newBuilder().setName("bob").build()))
        .isEqualTo(StoreError.PERMISSION_DENIED);
    assertThat(error("root", AuthCommand.Op.USER_DELETE, AuthUserDeleteRequest.newBuilder().setName("root").build()))
        .isEqualTo(StoreError.INVALID_AUTH_MANAGEMENT);
    assertThat(error("root", AuthCommand.Op.USER_REVOKE_ROLE, AuthUserRevokeRoleRequest.newBuilder().setName("root").setRole("root").build()))
        .isEqualTo(StoreError.INVALID_AUTH_MANAGEMENT);
    assertThat(error("root", AuthCommand.Op.USER_ADD, AuthUserAddRequest.newBuilder().setName("").build())).isEqualTo(StoreError.USER_EMPTY);
    assertThat(error("root", AuthCommand.Op.USER_ADD, AuthUserAddRequest.newBuilder().setName("root").build()))
        .isEqualTo(StoreError.USER_ALREADY_EXISTS);
  }

  @Test
  void deletingAUserKillsItsTokens() throws Exception {
    rootWithRole();
    apply("", AuthCommand.Op.ENABLE, AuthUserAddRequest.getDefaultInstance());
    apply("root", AuthCommand.Op.USER_ADD, AuthUserAddRequest.newBuilder().setName("alice").setPassword("h").build());
    apply("", AuthCommand.Op.AUTHENTICATE, AuthenticateRequest.newBuilder().setName("alice").setPassword("tok.1").build());
    assertThat(s.tokens).containsEntry("tok.1", "alice");
    apply("root", AuthCommand.Op.USER_DELETE, AuthUserDeleteRequest.newBuilder().setName("alice").build());
    assertThat(s.tokens).doesNotContainKey("tok.1");
  }

  @Test
  void permissionsCoverExactlyTheirRangesAndTheStateSurvivesJson() throws Exception {
    rootWithRole();
    apply("", AuthCommand.Op.ROLE_ADD, AuthRoleAddRequest.newBuilder().setName("r").build());
    grant(Permission.Type.READ, "a/", "a0");
    grant(Permission.Type.READWRITE, "b", "");
    grant(Permission.Type.WRITE, "c", "\0");
    apply("", AuthCommand.Op.USER_ADD, AuthUserAddRequest.newBuilder().setName("u").setPassword("h").build());
    apply("", AuthCommand.Op.USER_GRANT_ROLE, AuthUserGrantRoleRequest.newBuilder().setUser("u").setRole("r").build());
    apply("", AuthCommand.Op.ENABLE, AuthUserAddRequest.getDefaultInstance());
    Permissions p = new Permissions(AuthState.parse(s.toJson()), false);

    p.checkRange("u", bytes("a/x"), ByteString.EMPTY);
    p.checkRange("u", bytes("a/"), bytes("a0"));
    p.checkRange("u", bytes("b"), ByteString.EMPTY);
    p.checkPut("u", PutRequest.newBuilder().setKey(bytes("zzz")).build()); // [c, ∞) is writable
    assertThatThrownBy(() -> p.checkRange("u", bytes("a"), bytes("a0"))).hasMessageContaining("permission denied");
    assertThatThrownBy(() -> p.checkPut("u", PutRequest.newBuilder().setKey(bytes("a/x")).build())).hasMessageContaining("permission denied");
    assertThatThrownBy(() -> p.checkRange("u", bytes("c"), ByteString.EMPTY)).hasMessageContaining("permission denied");
    assertThatThrownBy(() -> p.checkRange("", bytes("b"), ByteString.EMPTY)).hasMessageContaining("user name is empty");
    new Permissions(s, true).checkPut("u", PutRequest.newBuilder().setKey(bytes("a/x")).build()); // the fault lets it pass
  }

  private void grant(Permission.Type type, String key, String end) throws Exception {
    apply("", AuthCommand.Op.ROLE_GRANT_PERMISSION, AuthRoleGrantPermissionRequest.newBuilder().setName("r")
        .setPerm(Permission.newBuilder().setPermType(type).setKey(bytes(key)).setRangeEnd(bytes(end))).build());
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }
}
