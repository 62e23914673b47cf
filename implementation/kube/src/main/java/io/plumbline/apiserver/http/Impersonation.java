package io.plumbline.apiserver.http;

import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.auth.Authorizer;
import io.plumbline.apiserver.auth.Refusals;
import io.plumbline.apiserver.auth.RequestInfo;
import io.plumbline.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * kube-apiserver's impersonation ({@code kubectl --as=USER --as-group=G}): the headers
 * {@code Impersonate-User} and {@code Impersonate-Group} turn the request into one from that user,
 * when the caller may {@code impersonate} {@code users} (and {@code groups}) with those names.
 * The request is then authorized as the impersonated user only. Without this, a server that
 * ignored the headers would answer {@code kubectl auth can-i --as=...} for the caller: a wrong "yes".
 * Other {@code Impersonate-*} headers (uid, extra) are refused rather than ignored.
 */
final class Impersonation {
  static final String USER = "Impersonate-User";
  static final String GROUP = "Impersonate-Group";

  private Impersonation() {}

  /**
   * The user the request acts as: {@code caller} when it carries no impersonation headers.
   *
   * @param headers every header name of the request
   * @param values a header's values by name (several {@code Impersonate-Group} lines may come)
   */
  static UserInfo actingUser(UserInfo caller, List<String> headers,
      java.util.function.Function<String, List<String>> values, Authorizer authorizer) {
    List<String> impersonating = headers.stream()
        .filter(h -> h.toLowerCase(Locale.ROOT).startsWith("impersonate-")).toList();
    if (impersonating.isEmpty()) {
      return caller;
    }
    for (String h : impersonating) {
      if (!h.equalsIgnoreCase(USER) && !h.equalsIgnoreCase(GROUP)) {
        throw ApiError.badRequest("impersonation header " + h + " is not supported by this server");
      }
    }
    List<String> user = values.apply(USER);
    if (user.size() != 1 || user.get(0).isBlank()) {
      throw ApiError.badRequest("requested impersonation without exactly one " + USER + " header");
    }
    String name = user.get(0).strip();
    allow(caller, "users", name, authorizer);
    List<String> groups = new ArrayList<>();
    for (String g : values.apply(GROUP)) {
      allow(caller, "groups", g.strip(), authorizer);
      groups.add(g.strip());
    }
    if (!name.equals(UserInfo.ANONYMOUS.name()) && !groups.contains(UserInfo.AUTHENTICATED)) {
      groups.add(UserInfo.AUTHENTICATED); // as kube-apiserver adds it to every impersonated user
    }
    return new UserInfo(name, "", Collections.unmodifiableList(groups));
  }

  private static void allow(UserInfo caller, String resource, String name, Authorizer authorizer) {
    RequestInfo impersonate = new RequestInfo(true, "", "impersonate", "", "v1", "", resource, "",
        name);
    Authorizer.Decision d = authorizer.authorize(caller, impersonate);
    if (!d.allowed()) {
      throw Refusals.forbidden(caller, impersonate, d.reason());
    }
  }
}
