package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.StringJoiner;

/** The {@code /scale} subresource of replication controllers, as an {@code autoscaling/v1 Scale}. */
public final class Scales {
  private final ObjectService objects;

  public Scales(ObjectService objects) {
    this.objects = objects;
  }

  public ObjectNode get(ResourceType type, String namespace, String name) {
    return scaleOf(objects.get(type, namespace, name));
  }

  /** PUT of a Scale: sets {@code spec.replicas}; its resourceVersion is a precondition. */
  public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode scale,
      WriteFence fence) {
    return write(type, namespace, name, Json.text(scale, "metadata.resourceVersion"),
        current -> scale, fence);
  }

  /** PATCH of a Scale, as {@code kubectl scale} sends it. */
  public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType,
      JsonNode patch, WriteFence fence) {
    return write(type, namespace, name, Json.text(patch, "metadata.resourceVersion"),
        current -> (ObjectNode) patchType.apply(current, patch), fence);
  }

  private ObjectNode write(ResourceType type, String namespace, String name, String precondition,
      java.util.function.UnaryOperator<ObjectNode> changeScale, WriteFence fence) {
    ObjectNode written = objects.mutate(type, namespace, name, precondition, rc -> {
      JsonNode replicas = changeScale.apply(scaleOf(rc)).path("spec").path("replicas");
      if (!replicas.canConvertToInt()) {
        throw ApiError.invalid(type, name, List.of(new ApiError.Cause("spec.replicas",
            "FieldValueRequired", "Required value")));
      }
      Json.child(rc, "spec").put("replicas", replicas.asInt());
      return rc;
    }, fence);
    return scaleOf(written);
  }

  static ObjectNode scaleOf(ObjectNode rc) {
    ObjectNode scale = Json.object().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      meta.set(f, rc.path("metadata").get(f));
    }
    scale.putObject("spec").put("replicas", rc.path("spec").path("replicas").asInt(0));
    StringJoiner selector = new StringJoiner(",");
    rc.path("spec").path("selector").fields()
        .forEachRemaining(e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
    scale.putObject("status").put("replicas", rc.path("status").path("replicas").asInt(0))
        .put("selector", selector.toString());
    return scale;
  }
}
