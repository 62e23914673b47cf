package io.plumbline.apiserver.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;

/**
 * Content negotiation for object bodies, as kube-apiserver does it: a request body is JSON or
 * Kubernetes protobuf by its Content-Type; a response is the first type in Accept that the server
 * can write for that object (protobuf only for kinds with a Kubernetes proto, see
 * {@link ProtoTypes}), and 406 NotAcceptable when Accept names none it can write.
 */
public final class MediaTypes {
  private MediaTypes() {}

  public static final String JSON = "application/json";

  /** An encoded response body. */
  public record Encoded(String contentType, byte[] body) {}

  /** The media type of a header value, without parameters, lower case; "" when absent. */
  public static String base(String headerValue) {
    return headerValue == null ? "" : headerValue.split(";")[0].strip().toLowerCase();
  }

  /** A request body that must hold one object, JSON (also when no Content-Type) or protobuf. */
  public static ObjectNode readObject(String contentType, byte[] body) {
    String type = base(contentType);
    if (type.isEmpty() || type.equals(JSON)) {
      return Json.parseObject(body);
    }
    if (type.equals(KubeProtobuf.MEDIA_TYPE)) {
      return KubeProtobuf.decode(body);
    }
    throw ApiError.unsupportedMediaType(type);
  }

  /** {@code object} in the first type of {@code accept} that can hold it. */
  public static Encoded write(String accept, JsonNode object) {
    if (accept == null || accept.isBlank()) {
      return json(object);
    }
    for (String range : accept.split(",")) {
      String type = base(range);
      if (range.contains("as=")) {
        continue; // a Table or PartialObjectMetadata view: answered elsewhere or not served
      }
      if (type.equals(KubeProtobuf.MEDIA_TYPE) && hasProto(object)) {
        return new Encoded(KubeProtobuf.MEDIA_TYPE, KubeProtobuf.encode((ObjectNode) object));
      }
      if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
        return json(object);
      }
    }
    throw notAcceptable();
  }

  /** Whether a watch may stream JSON to a client sending {@code accept}. */
  public static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String type = base(range);
      if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
        return true;
      }
    }
    return false;
  }

  public static ApiError notAcceptable() {
    return ApiError.ofStatus(406, "only the following media types are accepted: "
        + JSON + ", " + KubeProtobuf.MEDIA_TYPE + " (core v1 and autoscaling/v1 kinds)");
  }

  private static boolean hasProto(JsonNode object) {
    return object instanceof ObjectNode
        && ProtoTypes.find(object.path("apiVersion").asText(), object.path("kind").asText())
            .isPresent();
  }

  private static Encoded json(JsonNode object) {
    return new Encoded(JSON, Json.bytes(object));
  }
}
