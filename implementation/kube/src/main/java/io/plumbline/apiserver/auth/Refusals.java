package io.plumbline.apiserver.auth;

import io.plumbline.apiserver.api.ApiError;

/** The 401 and 403 {@code Status} answers, worded as kube-apiserver words them. */
public final class Refusals {
  private Refusals() {}

  /** 401 Unauthorized; kube-apiserver says only "Unauthorized", the reason helps users more. */
  public static ApiError unauthorized(String reason) {
    return ApiError.ofStatus(401, "Unauthorized: " + reason);
  }

  /**
   * 403 Forbidden: {@code pods is forbidden: User "x" cannot create resource "pods" in API group ""
   * in the namespace "default"}, or {@code forbidden: User "x" cannot get path "/apis"}.
   */
  public static ApiError forbidden(UserInfo user, RequestInfo r, String reason) {
    return ApiError.ofStatus(403, message(user, r) + (reason.isEmpty() ? "" : ": " + reason));
  }

  static String message(UserInfo user, RequestInfo r) {
    String who = "User \"" + user.name() + "\"";
    if (!r.resourceRequest()) {
      return "forbidden: " + who + " cannot " + r.verb() + " path \"" + r.path() + "\"";
    }
    String resource = r.apiGroup().isEmpty() ? r.resource() : r.resource() + "." + r.apiGroup();
    String object = r.name().isEmpty() ? resource : resource + " \"" + r.name() + "\"";
    String scope = r.namespace().isEmpty() ? "at the cluster scope"
        : "in the namespace \"" + r.namespace() + "\"";
    return object + " is forbidden: " + who + " cannot " + r.verb() + " resource \""
        + r.resourceWithSubresource() + "\" in API group \"" + r.apiGroup() + "\" " + scope;
  }
}
