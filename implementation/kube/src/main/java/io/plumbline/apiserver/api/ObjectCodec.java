package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.store.StoredValue;

/**
 * Objects as stored and as served. The store never holds {@code resourceVersion}: it is the key's
 * modification revision, filled in on every read (as the Kubernetes API server does).
 */
public final class ObjectCodec {
  private ObjectCodec() {}

  public static ObjectNode decode(StoredValue stored) {
    return withResourceVersion(Json.parseObject(stored.value()), stored.modRevision());
  }

  public static ObjectNode decode(byte[] value, long revision) {
    return withResourceVersion(Json.parseObject(value), revision);
  }

  public static byte[] encode(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    Json.child(copy, "metadata").remove("resourceVersion");
    return Json.bytes(copy);
  }

  public static ObjectNode withResourceVersion(ObjectNode object, long revision) {
    Json.child(object, "metadata").put("resourceVersion", Long.toString(revision));
    return object;
  }

  /** The object with {@code kind} and {@code apiVersion} first, as clients expect to read it. */
  public static ObjectNode typed(ResourceType type, ObjectNode body) {
    ObjectNode typed = Json.object().put("kind", type.kind()).put("apiVersion", type.apiVersion());
    body.fields().forEachRemaining(f -> {
      if (!f.getKey().equals("kind") && !f.getKey().equals("apiVersion")) {
        typed.set(f.getKey(), f.getValue());
      }
    });
    return typed;
  }
}
