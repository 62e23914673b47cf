package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading {@code status.conditions}, as pods and nodes report readiness. */
public final class Conditions {
  private Conditions() {}

  /** True when {@code status.conditions} has {@code type} with status "True". */
  public static boolean isTrue(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }
}
