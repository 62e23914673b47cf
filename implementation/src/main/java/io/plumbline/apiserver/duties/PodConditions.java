package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.JsonNode;

/** Readiness as the duties read it from status conditions. */
final class PodConditions {
  private PodConditions() {}

  /** True when {@code status.conditions} has {@code type} with status "True". */
  static boolean isTrue(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  /** A node that is Ready and not cordoned. */
  static boolean schedulable(JsonNode node) {
    return isTrue(node, "Ready") && !node.path("spec").path("unschedulable").asBoolean(false);
  }
}
