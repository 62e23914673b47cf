package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}) without managed
 * fields: the applied configuration is created when the object does not exist, and otherwise
 * merged into the live object, lists with merge keys element by element (containers by name,
 * ports by port, ...), exactly as {@link StrategicMergePatch} merges. What this leaves out of
 * Kubernetes' apply: no {@code metadata.managedFields} are kept, so a field dropped from the
 * configuration is never removed, two managers never conflict (409) and {@code force} changes
 * nothing.
 */
public final class ServerSideApply {
  private ServerSideApply() {}

  /** The live object with the configuration applied (nulls in the configuration are ignored). */
  static JsonNode merge(JsonNode live, JsonNode config) {
    return StrategicMergePatch.apply(live, withoutNullsAndDirectives(config));
  }

  /**
   * Applies {@code config} to the object {@code type/namespace/name}: patches it when it exists,
   * creates it when not. {@code fieldManager} is required, as in kube-apiserver.
   */
  public static ObjectNode apply(ObjectService objects, ResourceType type, String namespace,
      String name, ObjectNode config, Part part, String fieldManager, WriteFence fence) {
    if (fieldManager == null || fieldManager.isBlank()) {
      throw ApiError.badRequest("PATCH, application/apply-patch+yaml: fieldManager is required "
          + "for apply requests");
    }
    requireIdentity(type, name, config);
    for (int attempt = 0; attempt < 2; attempt++) {
      if (objects.find(type, namespace, name).isPresent() || part == Part.STATUS) {
        return objects.patch(type, namespace, name, PatchType.APPLY, config, part, fence);
      }
      ObjectNode create = (ObjectNode) withoutNullsAndDirectives(config);
      Json.child(create, "metadata").put("name", name);
      try {
        return objects.create(type, namespace, create, fence);
      } catch (ApiError e) {
        if (e.code() != 409) {
          throw e;
        }
        // created meanwhile by someone else: apply to what they made
      }
    }
    return objects.patch(type, namespace, name, PatchType.APPLY, config, part, fence);
  }

  /** kube-apiserver requires apiVersion and kind in an applied configuration. */
  private static void requireIdentity(ResourceType type, String name, ObjectNode config) {
    if (config.path("apiVersion").asText("").isEmpty() || config.path("kind").asText("").isEmpty()) {
      throw ApiError.badRequest("apiVersion and kind must be set in an applied configuration ("
          + type.apiVersion() + " " + type.kind() + ")");
    }
    String bodyName = Json.text(config, "metadata.name");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiError.badRequest("the name of the object (" + bodyName
          + ") does not match the name on the URL (" + name + ")");
    }
  }

  private static JsonNode withoutNullsAndDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = Json.object();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull() && !e.getKey().startsWith("$")) {
          copy.set(e.getKey(), withoutNullsAndDirectives(e.getValue()));
        }
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      array.forEach(item -> copy.add(withoutNullsAndDirectives(item)));
      return copy;
    }
    return node;
  }
}
