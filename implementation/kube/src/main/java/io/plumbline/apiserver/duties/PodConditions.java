package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Conditions;

/** Readiness as the duties read it from status conditions. */
final class PodConditions {
  private PodConditions() {}

  /** True when {@code status.conditions} has {@code type} with status "True". */
  static boolean isTrue(JsonNode object, String type) {
    return Conditions.isTrue(object, type);
  }

  /** A node that is Ready and not cordoned. */
  static boolean schedulable(JsonNode node) {
    return isTrue(node, "Ready") && !node.path("spec").path("unschedulable").asBoolean(false);
  }
}
