package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Reading and editing {@code metadata.ownerReferences}: who owns an object, and (for the
 * garbage collector) which owner is its controller.
 */
public final class OwnerReferences {
  private OwnerReferences() {}

  /** Whether any of {@code object}'s ownerReferences names {@code ownerUid}. */
  public static boolean names(JsonNode object, String ownerUid) {
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (ref.path("uid").asText().equals(ownerUid)) {
        return true;
      }
    }
    return false;
  }

  /** The ownerReference with {@code controller: true} (at most one may exist), if any. */
  public static Optional<JsonNode> controller(JsonNode object) {
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return Optional.of(ref);
      }
    }
    return Optional.empty();
  }

  /** {@code object} without the references to {@code ownerUid} (the field goes when empty). */
  public static ObjectNode without(ObjectNode object, String ownerUid) {
    ObjectNode meta = Json.child(object, "metadata");
    ArrayNode kept = meta.arrayNode();
    for (JsonNode ref : meta.path("ownerReferences")) {
      if (!ref.path("uid").asText().equals(ownerUid)) {
        kept.add(ref);
      }
    }
    if (kept.isEmpty()) {
      meta.remove("ownerReferences");
    } else {
      meta.set("ownerReferences", kept);
    }
    return object;
  }
}
