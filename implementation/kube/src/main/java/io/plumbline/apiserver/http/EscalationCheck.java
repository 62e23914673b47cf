package io.plumbline.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.auth.Authorizer;
import io.plumbline.apiserver.auth.RequestInfo;
import io.plumbline.apiserver.auth.UserInfo;
import java.util.Set;

/**
 * RBAC's guard against privilege escalation, as kube-apiserver's: who may write a RoleBinding or
 * ClusterRoleBinding must hold the {@code bind} verb on the role it refers to, and who may write
 * a Role or ClusterRole must hold {@code escalate} on it; otherwise anyone allowed to create
 * bindings could bind {@code cluster-admin} to themselves. Stricter than kube-apiserver in one
 * way: it does not also accept a user who already holds every permission of the role. Members of
 * {@code system:masters} pass. The body is read here and kept for the handler.
 */
final class EscalationCheck {
  private static final Set<String> WRITES = Set.of("create", "update", "patch");
  private final Authorizer authorizer;

  EscalationCheck(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  void check(Context ctx, UserInfo user, RequestInfo r) {
    if (user.isAdmin() || !r.resourceRequest() || !r.apiGroup().equals(Resources.RBAC_GROUP)
        || !WRITES.contains(r.verb()) || !r.subresource().isEmpty()) {
      return;
    }
    switch (r.resource()) {
      case "rolebindings", "clusterrolebindings" -> bind(ctx, user, r);
      case "roles", "clusterroles" -> need(user, r, "escalate", r.resource(), r.name().isEmpty()
          ? Json.text(body(ctx), "metadata.name") : r.name(), "escalate");
      default -> { }
    }
  }

  private void bind(Context ctx, UserInfo user, RequestInfo r) {
    if (r.verb().equals("patch")) {
      throw ApiError.ofStatus(403, r.resource() + "." + r.apiGroup() + " \"" + r.name()
          + "\" is forbidden: User \"" + user.name() + "\" may not patch bindings; replace them "
          + "(the roleRef is checked on create and update)");
    }
    JsonNode ref = body(ctx).path("roleRef");
    String kind = ref.path("kind").asText("");
    String roles = kind.equals("Role") ? "roles" : "clusterroles";
    need(user, r, "bind", roles, ref.path("name").asText(""), "bind " + kind);
  }

  private void need(UserInfo user, RequestInfo r, String verb, String resource, String name,
      String what) {
    // in the binding's namespace, as kube-apiserver asks: a RoleBinding may grant "bind" there
    RequestInfo asked = new RequestInfo(true, "", verb, Resources.RBAC_GROUP, "v1", r.namespace(),
        resource, "", name);
    if (!authorizer.authorize(user, asked).allowed()) {
      throw ApiError.ofStatus(403, r.resource() + "." + r.apiGroup() + " \"" + name
          + "\" is forbidden: User \"" + user.name() + "\" cannot " + what + " \"" + name
          + "\": it needs the \"" + verb + "\" verb on " + resource + " \"" + name + "\"");
    }
  }

  private static JsonNode body(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (type.contains("protobuf")) {
      throw ApiError.unsupportedMediaType(type); // RBAC writes by non-admins are checked as JSON
    }
    return Json.parse(BoundedBody.read(ctx));
  }
}
