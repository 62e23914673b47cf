package io.plumbline.conformance.auth;

import io.etcd.jetcd.api.AuthDisableRequest;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthRoleAddRequest;
import io.etcd.jetcd.api.AuthRoleDeleteRequest;
import io.etcd.jetcd.api.AuthRoleGrantPermissionRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthUserListRequest;
import io.etcd.jetcd.api.Permission;
import io.grpc.StatusRuntimeException;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.SuiteOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Puts a target into "auth enabled" for one check and back as it was found. With {@code --user/--password}
 * (root's) the target may already have auth on; without, the fixture creates a root user with a random
 * password, enables auth, and at the end disables it and deletes every user and role it made. A target with
 * auth already on and no credentials, or a root user of unknown password, cannot be judged: {@link Unusable}.
 */
final class AuthFixture implements AutoCloseable {
  static final class Unusable extends Exception {
    Unusable(String why) {
      super(why);
    }
  }

  final AuthCalls calls;
  /** Root's token; renewed by {@link #relogin()} (disabling auth drops every token). */
  String rootToken;
  private final String rootUser;
  private final String rootPassword;
  /** Whether this fixture turned auth on (and so may turn it off to check "disable"). */
  final boolean enabledHere;
  private final String tag;
  private final List<String> users = new ArrayList<>();
  private final List<String> roles = new ArrayList<>();

  AuthFixture(Session s) throws Unusable {
    calls = new AuthCalls(s);
    tag = "plumbline-" + Long.toHexString(new Random(s.options().seed()).nextLong() & 0xffffffL) + "-";
    SuiteOptions.Login login = s.options().login();
    boolean enabled = isEnabled();
    rootUser = login != null ? login.user() : "root";
    rootPassword = login != null ? login.password() : tag + Long.toHexString(new Random().nextLong());
    enabledHere = !enabled;
    try {
      if (enabled) {
        if (login == null) {
          throw new Unusable("auth is already enabled on the target: give root's --user/--password");
        }
      } else {
        addRoot(rootPassword);
        retried(() -> calls.auth(null).authEnable(AuthEnableRequest.getDefaultInstance()));
      }
      relogin();
    } catch (StatusRuntimeException e) {
      close(); // undo what was made before the failure
      throw new Unusable("cannot set up auth: " + AuthCalls.outcome(() -> { throw e; }));
    } catch (Unusable e) {
      close();
      throw e;
    }
  }

  /** A fresh root token (after auth was disabled and enabled again). */
  void relogin() {
    rootToken = calls.login(rootUser, rootPassword);
  }

  /**
   * etcd answers a user list without credentials while auth is off, and refuses it while on. A target
   * without a leader yet (just started) answers Unavailable or not at all: asked again, up to 20 times.
   */
  private boolean isEnabled() throws Unusable {
    for (int attempt = 0; ; attempt++) {
      try {
        calls.auth(null).userList(AuthUserListRequest.getDefaultInstance());
        return false;
      } catch (StatusRuntimeException e) {
        io.grpc.Status.Code code = e.getStatus().getCode();
        if (code != io.grpc.Status.Code.UNAVAILABLE && code != io.grpc.Status.Code.DEADLINE_EXCEEDED) {
          return true;
        }
        if (attempt == 20) {
          calls.close();
          throw new Unusable("the target stays unavailable: " + e.getStatus());
        }
        pause();
      }
    }
  }

  private void addRoot(String password) throws Unusable {
    String added = retried(() -> calls.auth(null).userAdd(AuthUserAddRequest.newBuilder().setName("root").setPassword(password).build()));
    if (added.equals(EXISTS_FIRST_TIME)) {
      throw new Unusable("the target has a root user already: give its --user/--password");
    }
    users.add("root");
    String role = retried(() -> calls.auth(null).roleAdd(AuthRoleAddRequest.newBuilder().setName("root").build()));
    if (!role.equals(EXISTS_FIRST_TIME)) {
      roles.add("root"); // etcd lets a root role exist without a root user: one found is left alone
    }
    retried(() -> calls.auth(null).userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build()));
  }

  private static final String EXISTS_FIRST_TIME = "exists";

  /**
   * A setup call, repeated after an indeterminate error (no leader, timeout: a loaded target that just started).
   * "already exists" on a repeat means the earlier attempt was applied. Returns "ok" or {@link #EXISTS_FIRST_TIME}.
   */
  private static String retried(Runnable call) throws Unusable {
    for (int attempt = 0; ; attempt++) {
      try {
        call.run();
        return "ok";
      } catch (StatusRuntimeException e) {
        io.grpc.Status.Code code = e.getStatus().getCode();
        boolean indeterminate = code == io.grpc.Status.Code.UNAVAILABLE || code == io.grpc.Status.Code.DEADLINE_EXCEEDED;
        if (code == io.grpc.Status.Code.FAILED_PRECONDITION && String.valueOf(e.getStatus().getDescription()).contains("already exists")) {
          return attempt == 0 ? EXISTS_FIRST_TIME : "ok";
        }
        if (!indeterminate || attempt == 10) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() throws Unusable {
    try {
      Thread.sleep(500); // waiting for a leader, not for a timing-dependent outcome
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new Unusable("interrupted");
    }
  }

  /** A user of this run (its name tagged), with a password; returns the name. */
  String user(String name, String password) {
    String full = tag + name;
    calls.auth(rootToken).userAdd(AuthUserAddRequest.newBuilder().setName(full).setPassword(password).build());
    users.add(full);
    return full;
  }

  String role(String name) {
    String full = tag + name;
    calls.auth(rootToken).roleAdd(AuthRoleAddRequest.newBuilder().setName(full).build());
    roles.add(full);
    return full;
  }

  void grant(String role, Permission.Type type, String key, String rangeEnd) {
    calls.auth(rootToken).roleGrantPermission(AuthRoleGrantPermissionRequest.newBuilder().setName(role)
        .setPerm(Permission.newBuilder().setPermType(type).setKey(AuthCalls.bytes(key)).setRangeEnd(AuthCalls.bytes(rangeEnd))).build());
  }

  void grantRole(String user, String role) {
    calls.auth(rootToken).userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser(user).setRole(role).build());
  }

  void forget(String user) {
    users.remove(user);
  }

  /** Disables auth if it was off before, then deletes what this fixture made (root last). */
  @Override
  public void close() {
    try {
      String token = rootToken;
      if (enabledHere && token != null) {
        AuthCalls.outcome(() -> calls.auth(rootToken).authDisable(AuthDisableRequest.getDefaultInstance()));
        token = null;
      }
      for (String r : roles) {
        String t = token;
        AuthCalls.outcome(() -> calls.auth(t).roleDelete(AuthRoleDeleteRequest.newBuilder().setRole(r).build()));
      }
      for (String u : users) {
        String t = token;
        AuthCalls.outcome(() -> calls.auth(t).userDelete(AuthUserDeleteRequest.newBuilder().setName(u).build()));
      }
    } finally {
      calls.close();
    }
  }
}
