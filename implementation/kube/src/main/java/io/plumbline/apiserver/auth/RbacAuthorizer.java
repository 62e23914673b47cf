package io.plumbline.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.FieldSelector;
import io.plumbline.apiserver.api.LabelSelector;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import java.util.Optional;

/**
 * kube-apiserver's RBAC authorizer over the stored Roles, ClusterRoles and their bindings. Each
 * request reads the bindings afresh from the store, so a deleted RoleBinding stops allowing at
 * once (kube-apiserver reads through a watch cache; this server has none). Members of
 * {@code system:masters} are allowed everything without a read, as kube-apiserver's
 * privileged-group authorizer allows them. Nothing is allowed by default.
 */
public final class RbacAuthorizer implements Authorizer {
  private final ObjectService objects;

  public RbacAuthorizer(ObjectService objects) {
    this.objects = objects;
  }

  @Override
  public Decision authorize(UserInfo user, RequestInfo request) {
    if (user.isAdmin()) {
      return Decision.allow("user is in group " + UserInfo.MASTERS);
    }
    for (JsonNode binding : items(Resources.CLUSTER_ROLE_BINDINGS, null)) {
      if (RbacRules.subjectMatches(binding.path("subjects"), "", user)
          && rules(binding, "").map(rules -> RbacRules.anyAllows(rules, request)).orElse(false)) {
        return Decision.allow("allowed by ClusterRoleBinding \"" + name(binding) + "\"");
      }
    }
    if (request.resourceRequest() && !request.namespace().isEmpty()) {
      for (JsonNode binding : items(Resources.ROLE_BINDINGS, request.namespace())) {
        if (RbacRules.subjectMatches(binding.path("subjects"), request.namespace(), user)
            && rules(binding, request.namespace())
                .map(rules -> RbacRules.anyAllows(rules, request)).orElse(false)) {
          return Decision.allow("allowed by RoleBinding \"" + name(binding) + "/"
              + request.namespace() + "\"");
        }
      }
    }
    return Decision.deny("");
  }

  /** The rules of the role a binding refers to; empty when that role does not exist. */
  private Optional<JsonNode> rules(JsonNode binding, String namespace) {
    JsonNode ref = binding.path("roleRef");
    String roleName = ref.path("name").asText("");
    Optional<ObjectNode> role = ref.path("kind").asText("").equals("Role")
        ? objects.find(Resources.ROLES, namespace, roleName)
        : objects.find(Resources.CLUSTER_ROLES, null, roleName);
    return role.map(r -> r.path("rules"));
  }

  private JsonNode items(io.plumbline.apiserver.api.ResourceType type, String namespace) {
    return objects.list(type, namespace, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING)
        .path("items");
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }
}
