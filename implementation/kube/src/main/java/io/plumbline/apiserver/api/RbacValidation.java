package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Field checks of the RBAC kinds, as kube-apiserver's: names are path segments (so
 * {@code system:kube-scheduler} is valid), every rule has verbs and either resources with
 * apiGroups or nonResourceURLs (the latter only in ClusterRoles), bindings name a roleRef of kind
 * Role or ClusterRole and subjects of kind User, Group or ServiceAccount.
 */
final class RbacValidation {
  private RbacValidation() {}

  private static final Set<String> SUBJECT_KINDS = Set.of("User", "Group", "ServiceAccount");

  static void check(ResourceType type, String name, ObjectNode object, List<ApiError.Cause> causes) {
    if (name.isEmpty()) {
      causes.add(Validation.requiredCause("metadata.name"));
    } else if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
      causes.add(Validation.invalidCause("metadata.name", "Invalid value: \"" + name
          + "\": may not be '.' or '..' and may not contain '/' or '%'"));
    }
    switch (type.kind()) {
      case "Role", "ClusterRole" -> rules(object.path("rules"), type.kind().equals("ClusterRole"),
          causes);
      case "RoleBinding", "ClusterRoleBinding" -> binding(object, type.kind(), causes);
      default -> throw new IllegalArgumentException("not an RBAC kind: " + type.kind());
    }
  }

  private static void rules(JsonNode rules, boolean cluster, List<ApiError.Cause> causes) {
    for (int i = 0; i < rules.size(); i++) {
      JsonNode rule = rules.get(i);
      String at = "rules[" + i + "]";
      if (rule.path("verbs").isEmpty()) {
        causes.add(Validation.requiredCause(at + ".verbs"));
      }
      boolean urls = !rule.path("nonResourceURLs").isEmpty();
      boolean resources = !rule.path("resources").isEmpty();
      if (urls && !cluster) {
        causes.add(Validation.invalidCause(at + ".nonResourceURLs",
            "Invalid value: namespaced rules cannot apply to non-resource URLs"));
      }
      if (urls && resources) {
        causes.add(Validation.invalidCause(at + ".nonResourceURLs",
            "Invalid value: rules cannot apply to both regular resources and non-resource URLs"));
      }
      if (!urls && (!resources || rule.path("apiGroups").isEmpty())) {
        causes.add(Validation.requiredCause(at + (resources ? ".apiGroups" : ".resources")));
      }
    }
  }

  private static void binding(ObjectNode object, String kind, List<ApiError.Cause> causes) {
    JsonNode ref = object.path("roleRef");
    String refKind = ref.path("kind").asText("");
    boolean allowed = refKind.equals("ClusterRole") || refKind.equals("Role")
        && kind.equals("RoleBinding");
    if (!allowed) {
      causes.add(Validation.invalidCause("roleRef.kind", "Unsupported value: \"" + refKind
          + "\": supported values: " + (kind.equals("RoleBinding") ? "\"Role\", " : "")
          + "\"ClusterRole\""));
    }
    if (ref.path("name").asText("").isEmpty()) {
      causes.add(Validation.requiredCause("roleRef.name"));
    }
    JsonNode subjects = object.path("subjects");
    for (int i = 0; i < subjects.size(); i++) {
      JsonNode s = subjects.get(i);
      if (!SUBJECT_KINDS.contains(s.path("kind").asText(""))) {
        causes.add(Validation.invalidCause("subjects[" + i + "].kind", "Unsupported value: \""
            + s.path("kind").asText("") + "\": supported values: \"Group\", \"ServiceAccount\", "
            + "\"User\""));
      }
      if (s.path("name").asText("").isEmpty()) {
        causes.add(Validation.requiredCause("subjects[" + i + "].name"));
      }
    }
  }
}
