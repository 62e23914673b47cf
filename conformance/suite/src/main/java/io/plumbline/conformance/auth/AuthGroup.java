package io.plumbline.conformance.auth;

import io.plumbline.conformance.Check;
import io.plumbline.conformance.CheckGroup;
import java.util.List;

/**
 * The auth group: etcd 3.4's authentication and authorization, on any etcd-API target. It turns auth on
 * (or uses root's --user/--password when it is on already) and leaves the target as it found it. Opt-in:
 * while it runs, clients without credentials are refused.
 */
public final class AuthGroup {
  private AuthGroup() {}

  public static CheckGroup create() {
    return new CheckGroup("auth", List.of(
        Check.of("anonymous-refused", "with auth on, requests without credentials or with a made-up token are refused; "
            + "after disable they are served", AuthChecks::anonymousRefused),
        Check.of("permissions", "read, write and readwrite permissions on keys, ranges and prefixes allow exactly what "
            + "they name (range, put, delete, txn, watch)", AuthChecks::permissions),
        Check.of("revoked-role", "a revoked role or permission is refused on the next request", AuthChecks::revokedRole),
        Check.of("deleted-user-token", "a token is invalid once its user is deleted or its password changed",
            AuthChecks::deletedUserToken),
        Check.of("wrong-password", "authenticate refuses a wrong password and an unknown user", AuthChecks::wrongPassword)));
  }
}
