package io.plumbline.conformance.auth;

import io.etcd.jetcd.api.AuthDisableRequest;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthUserChangePasswordRequest;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserRevokeRoleRequest;
import io.etcd.jetcd.api.AuthRoleRevokePermissionRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.Permission;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd 3.4's auth semantics, each check on a target put into "auth enabled" by {@link AuthFixture}: every
 * request is made with raw calls and an explicit token, and compared with etcd's status code and message.
 */
final class AuthChecks {
  static final String USER_EMPTY = "INVALID_ARGUMENT: etcdserver: user name is empty";
  static final String INVALID_TOKEN = "UNAUTHENTICATED: etcdserver: invalid auth token";
  static final String DENIED = "PERMISSION_DENIED: etcdserver: permission denied";
  static final String AUTH_FAILED = "INVALID_ARGUMENT: etcdserver: authentication failed, invalid user ID or password";
  static final String OK = "ok";

  private AuthChecks() {}

  /** Records one expectation: the evidence line, and a problem when the answer differs. */
  private record Expect(List<String> evidence, List<String> problems, List<String> unsure) {
    Expect() {
      this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** An indeterminate answer (no leader, timeout) proves nothing: it makes the check UNKNOWN, not FAIL. */
    void that(String what, String expected, Runnable call) {
      thatOneOf(what, List.of(expected), call);
    }

    /** As {@link #that}, when etcd may give either answer depending on a setting the client cannot see. */
    void thatOneOf(String what, List<String> expected, Runnable call) {
      String got = AuthCalls.outcome(call);
      evidence.add(what + " -> " + got);
      if (got.startsWith("UNAVAILABLE") || got.startsWith("DEADLINE_EXCEEDED")) {
        unsure.add(what + ": " + got);
      } else if (!expected.contains(got)) {
        problems.add(what + ": expected " + String.join(" or ", expected) + ", got " + got);
      }
    }

    Verdict verdict(String summary) {
      if (problems.isEmpty() && !unsure.isEmpty()) {
        return Verdict.unknown("indeterminate answers, nothing proven: " + unsure.get(0), evidence);
      }
      return Verdict.of(summary, problems, evidence);
    }
  }

  /** A check's body: expectations on a target with auth enabled. */
  private interface Body {
    void run(AuthFixture f, Expect e) throws Exception;
  }

  /**
   * Every check's frame, written once: runs {@code body} on the target put into "auth enabled" by a fresh
   * {@link AuthFixture} (closed afterwards, the target left as found); a target the fixture cannot use makes
   * the check UNKNOWN, else the expectations give the verdict.
   */
  private static Verdict onAuthEnabledTarget(Session s, String summary, Body body) throws Exception {
    Expect e = new Expect();
    try (AuthFixture f = new AuthFixture(s)) {
      body.run(f, e);
    } catch (AuthFixture.Unusable u) {
      return Verdict.unknown(u.getMessage(), List.of());
    }
    return e.verdict(summary);
  }

  /** Without credentials nothing is served while auth is on; a made-up token is refused; after disable, all is open. */
  static Verdict anonymousRefused(Session s) throws Exception {
    String key = s.prefix() + "auth/anon";
    return onAuthEnabledTarget(s, "anonymous requests and made-up tokens are refused with etcd's errors", (f, e) -> {
      e.that("root put " + s.show(key), OK, () -> f.calls.put(f.rootToken, key, "v"));
      // A session presenting a client certificate is not anonymous to a --client-cert-auth server: etcd takes
      // the certificate's CN as the user of a request without a token, and that user has no permission here.
      // Without --client-cert-auth the certificate is not checked and the request has no user at all.
      boolean certificate = s.options().tls() != null && s.options().tls().cert() != null;
      List<String> refused = certificate ? List.of(USER_EMPTY, DENIED) : List.of(USER_EMPTY);
      String who = certificate ? "no token (only the client certificate)" : "anonymous";
      e.thatOneOf(who + " get", refused, () -> f.calls.count(null, key, ""));
      e.thatOneOf(who + " put", refused, () -> f.calls.put(null, key, "x"));
      e.that("get with a made-up token", INVALID_TOKEN, () -> f.calls.count("madeup.1", key, ""));
      e.that("put with a made-up token", INVALID_TOKEN, () -> f.calls.put("madeup.1", key, "x"));
      if (f.enabledHere) {
        e.that("auth disable (root)", OK, () -> f.calls.auth(f.rootToken).authDisable(AuthDisableRequest.getDefaultInstance()));
        e.that("anonymous put after disable", OK, () -> f.calls.put(null, key, "open"));
        e.that("auth enable again", OK, () -> f.calls.auth(null).authEnable(AuthEnableRequest.getDefaultInstance()));
        e.that("the root token from before disable", INVALID_TOKEN, () -> f.calls.put(f.rootToken, key, "x"));
        f.relogin();
      }
    });
  }

  /** Read, write and readwrite permissions on a prefix, a range and a key: what they allow and nothing more. */
  static Verdict permissions(Session s) throws Exception {
    String p = s.prefix() + "auth/perm/";
    return onAuthEnabledTarget(s, "permissions allow what they name and nothing more", (f, e) -> {
      String role = f.role("perm");
      f.grant(role, Permission.Type.READ, p + "r/", p + "r0"); // the prefix p/r/
      f.grant(role, Permission.Type.READWRITE, p + "rw", "");
      f.grant(role, Permission.Type.WRITE, p + "w/a", p + "w/m"); // a range
      String user = f.user("perm", "pw-perm");
      f.grantRole(user, role);
      String t = f.calls.login(user, "pw-perm");
      f.calls.put(f.rootToken, p + "r/x", "v");
      e.that("get in the read prefix", OK, () -> f.calls.count(t, p + "r/x", ""));
      e.that("range over the read prefix", OK, () -> f.calls.count(t, p + "r/", p + "r0"));
      e.that("put in the read prefix", DENIED, () -> f.calls.put(t, p + "r/x", "no"));
      e.that("delete in the read prefix", DENIED, () -> f.calls.kv(t).deleteRange(
          DeleteRangeRequest.newBuilder().setKey(AuthCalls.bytes(p + "r/x")).build()));
      e.that("range wider than the prefix", DENIED, () -> f.calls.count(t, p, p + "~"));
      e.that("get outside every permission", DENIED, () -> f.calls.count(t, p + "other", ""));
      e.that("put the readwrite key", OK, () -> f.calls.put(t, p + "rw", "mine"));
      e.that("get the readwrite key", OK, () -> f.calls.count(t, p + "rw", ""));
      e.that("put inside the write range", OK, () -> f.calls.put(t, p + "w/b", "w"));
      e.that("get inside the write range", DENIED, () -> f.calls.count(t, p + "w/b", ""));
      e.that("put at the write range's end (exclusive)", DENIED, () -> f.calls.put(t, p + "w/m", "w"));
      e.that("put with prev_kv in the write range (needs read)", DENIED, () -> f.calls.kv(t).put(PutRequest.newBuilder()
          .setKey(AuthCalls.bytes(p + "w/c")).setValue(AuthCalls.bytes("w")).setPrevKv(true).build()));
      e.that("txn putting into the read prefix", DENIED, () -> f.calls.kv(t).txn(TxnRequest.newBuilder()
          .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(AuthCalls.bytes(p + "r/y")))).build()));
      e.that("txn putting the readwrite key", OK, () -> f.calls.kv(t).txn(TxnRequest.newBuilder()
          .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(AuthCalls.bytes(p + "rw")))).build()));
      String watch = WatchProbe.createReason(f.calls.watch(t), p + "other", s.options().callTimeout());
      e.evidence().add("watch outside every permission -> " + watch);
      if (!watch.contains("permission denied")) {
        e.problems().add("a watch the user may not read was not canceled with etcd's permission denied: " + watch);
      }
      String allowed = WatchProbe.createReason(f.calls.watch(t), p + "r/x", s.options().callTimeout());
      e.evidence().add("watch in the read prefix -> " + allowed);
      if (!allowed.equals("created")) {
        e.problems().add("a watch the user may read was refused: " + allowed);
      }
    });
  }

  /** A revoked role, and a revoked permission, take effect for the very next request. */
  static Verdict revokedRole(Session s) throws Exception {
    String k = s.prefix() + "auth/rv/k";
    return onAuthEnabledTarget(s, "a revoked role or permission is refused at once", (f, e) -> {
      String role = f.role("rv");
      f.grant(role, Permission.Type.READWRITE, k, "");
      String user = f.user("rv", "pw-rv");
      f.grantRole(user, role);
      String t = f.calls.login(user, "pw-rv");
      e.that("put while granted", OK, () -> f.calls.put(t, k, "1"));
      e.that("revoke-role", OK, () -> f.calls.auth(f.rootToken).userRevokeRole(
          AuthUserRevokeRoleRequest.newBuilder().setName(user).setRole(role).build()));
      e.that("put after revoke-role", DENIED, () -> f.calls.put(t, k, "2"));
      e.that("get after revoke-role", DENIED, () -> f.calls.count(t, k, ""));
      f.grantRole(user, role);
      e.that("put after grant-role again", OK, () -> f.calls.put(t, k, "3"));
      e.that("revoke-permission", OK, () -> f.calls.auth(f.rootToken).roleRevokePermission(
          AuthRoleRevokePermissionRequest.newBuilder().setRole(role).setKey(AuthCalls.bytes(k)).build()));
      e.that("put after revoke-permission", DENIED, () -> f.calls.put(t, k, "4"));
    });
  }

  /** A token dies with its user, and with a password change. */
  static Verdict deletedUserToken(Session s) throws Exception {
    String k = s.prefix() + "auth/tok/k";
    return onAuthEnabledTarget(s, "tokens die with their user and with a password change", (f, e) -> {
      String role = f.role("tok");
      f.grant(role, Permission.Type.READWRITE, k, "");
      String gone = f.user("gone", "pw-gone");
      String moved = f.user("moved", "pw-moved");
      f.grantRole(gone, role);
      f.grantRole(moved, role);
      String tGone = f.calls.login(gone, "pw-gone");
      String tMoved = f.calls.login(moved, "pw-moved");
      e.that("put with the token of a live user", OK, () -> f.calls.put(tGone, k, "1"));
      e.that("delete the user", OK, () -> f.calls.auth(f.rootToken).userDelete(AuthUserDeleteRequest.newBuilder().setName(gone).build()));
      f.forget(gone);
      e.that("put with the deleted user's token", INVALID_TOKEN, () -> f.calls.put(tGone, k, "2"));
      e.that("get with the deleted user's token", INVALID_TOKEN, () -> f.calls.count(tGone, k, ""));
      e.that("change the other user's password", OK, () -> f.calls.auth(f.rootToken).userChangePassword(
          AuthUserChangePasswordRequest.newBuilder().setName(moved).setPassword("pw-new").build()));
      e.that("put with the token from the old password", INVALID_TOKEN, () -> f.calls.put(tMoved, k, "3"));
      e.that("authenticate with the old password", AUTH_FAILED, () -> f.calls.login(moved, "pw-moved"));
      e.that("put with a token from the new password", OK, () -> f.calls.put(f.calls.login(moved, "pw-new"), k, "4"));
    });
  }

  /** Authenticate needs the right password of an existing user. */
  static Verdict wrongPassword(Session s) throws Exception {
    return onAuthEnabledTarget(s, "only the right password of an existing user gets a token", (f, e) -> {
      String user = f.user("pw", "right");
      e.that("authenticate with a wrong password", AUTH_FAILED, () -> f.calls.login(user, "wrong"));
      e.that("authenticate with an empty password", AUTH_FAILED, () -> f.calls.login(user, ""));
      e.that("authenticate an unknown user", AUTH_FAILED, () -> f.calls.login(user + "-nobody", "right"));
      e.that("authenticate with the right password", OK, () -> f.calls.login(user, "right"));
    });
  }
}
