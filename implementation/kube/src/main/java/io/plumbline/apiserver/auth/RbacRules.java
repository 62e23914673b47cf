package io.plumbline.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether one RBAC PolicyRule or subject matches a request, as Kubernetes' rbac helpers match
 * them: {@code *} matches any verb, group or resource; {@code *}{@code /status} any resource's
 * status subresource; empty resourceNames any name; a nonResourceURL ending in {@code *} is a
 * prefix. Pure functions of JSON trees.
 */
final class RbacRules {
  private RbacRules() {}

  /** Some rule of {@code rules} (a JSON array of PolicyRule) allows {@code request}. */
  static boolean anyAllows(JsonNode rules, RequestInfo request) {
    for (JsonNode rule : rules) {
      if (allows(rule, request)) {
        return true;
      }
    }
    return false;
  }

  static boolean allows(JsonNode rule, RequestInfo r) {
    if (!contains(rule.path("verbs"), r.verb())) {
      return false;
    }
    if (!r.resourceRequest()) {
      return urlMatches(rule.path("nonResourceURLs"), r.path());
    }
    return contains(rule.path("apiGroups"), r.apiGroup())
        && resourceMatches(rule.path("resources"), r)
        && nameMatches(rule.path("resourceNames"), r.name());
  }

  private static boolean contains(JsonNode values, String wanted) {
    for (JsonNode v : values) {
      if (v.asText().equals("*") || v.asText().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean resourceMatches(JsonNode resources, RequestInfo r) {
    String combined = r.resourceWithSubresource();
    for (JsonNode v : resources) {
      String rule = v.asText();
      if (rule.equals("*") || rule.equals(combined)
          || !r.subresource().isEmpty() && rule.equals("*/" + r.subresource())) {
        return true;
      }
    }
    return false;
  }

  private static boolean nameMatches(JsonNode names, String name) {
    if (names.isEmpty()) {
      return true;
    }
    for (JsonNode v : names) {
      if (v.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean urlMatches(JsonNode urls, String path) {
    for (JsonNode v : urls) {
      String rule = v.asText();
      if (rule.equals("*") || rule.equals(path)
          || rule.endsWith("*") && path.startsWith(rule.substring(0, rule.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Some subject of a binding names {@code user}: a User by name, a Group the user is in, or a
   * ServiceAccount by its user name {@code system:serviceaccount:<ns>:<name>}.
   */
  static boolean subjectMatches(JsonNode subjects, String bindingNamespace, UserInfo user) {
    for (JsonNode s : subjects) {
      String name = s.path("name").asText("");
      boolean match = switch (s.path("kind").asText("")) {
        case "User" -> name.equals(user.name());
        case "Group" -> user.groups().contains(name);
        case "ServiceAccount" -> ("system:serviceaccount:"
            + s.path("namespace").asText(bindingNamespace) + ":" + name).equals(user.name());
        default -> false;
      };
      if (match) {
        return true;
      }
    }
    return false;
  }
}
