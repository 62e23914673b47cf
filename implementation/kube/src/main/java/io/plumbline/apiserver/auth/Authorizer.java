package io.plumbline.apiserver.auth;

/**
 * Decides whether {@code user} may do what {@code request} asks. kube-apiserver's
 * {@code --authorization-mode}: {@code RBAC} ({@link RbacAuthorizer}) or {@code AlwaysAllow}
 * (every authenticated request passes: the mode a control-plane check must catch).
 */
public interface Authorizer {
  /** Allowed or not; {@code reason} says which binding allowed it, or why not (may be empty). */
  record Decision(boolean allowed, String reason) {
    public static Decision allow(String reason) {
      return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
      return new Decision(false, reason);
    }
  }

  Decision authorize(UserInfo user, RequestInfo request);

  /** kube-apiserver's {@code --authorization-mode=AlwaysAllow}. */
  Authorizer ALWAYS_ALLOW = (user, request) -> Decision.allow("AlwaysAllow");
}
