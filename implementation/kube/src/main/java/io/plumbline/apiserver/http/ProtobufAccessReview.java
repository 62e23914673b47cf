package io.plumbline.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@code SelfSubjectAccessReview} that kubectl sends as
 * {@code application/vnd.kubernetes.protobuf} ({@code kubectl auth can-i} does) into its JSON
 * form. The body is Kubernetes' envelope: the magic {@code k8s\0}, then {@code runtime.Unknown}
 * whose field 2 holds the object. Field numbers are those of {@code k8s.io/api/authorization/v1}'s
 * generated.proto; the wire format is parsed by protobuf-java's {@link UnknownFieldSet}. The
 * answer goes back as JSON, which client-go decodes by the response's Content-Type.
 */
final class ProtobufAccessReview {
  static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final List<String> RESOURCE_FIELDS = List.of("namespace", "verb", "group",
      "version", "resource", "subresource", "name");

  private ProtobufAccessReview() {}

  static ObjectNode toJson(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw ApiError.badRequest("a protobuf body must start with the k8s\\0 envelope");
    }
    try {
      UnknownFieldSet unknown = UnknownFieldSet.parseFrom(
          Arrays.copyOfRange(body, MAGIC.length, body.length));
      UnknownFieldSet review = UnknownFieldSet.parseFrom(bytes(unknown, 2));
      UnknownFieldSet spec = UnknownFieldSet.parseFrom(bytes(review, 2));
      ObjectNode json = Json.object().put("apiVersion", AccessReviews.GROUP + "/v1")
          .put("kind", AccessReviews.KIND);
      ObjectNode specJson = json.putObject("spec");
      if (spec.hasField(1)) {
        ObjectNode r = specJson.putObject("resourceAttributes");
        UnknownFieldSet attributes = UnknownFieldSet.parseFrom(bytes(spec, 1));
        for (int i = 0; i < RESOURCE_FIELDS.size(); i++) {
          r.put(RESOURCE_FIELDS.get(i), string(attributes, i + 1));
        }
      } else if (spec.hasField(2)) {
        UnknownFieldSet attributes = UnknownFieldSet.parseFrom(bytes(spec, 2));
        specJson.putObject("nonResourceAttributes").put("path", string(attributes, 1))
            .put("verb", string(attributes, 2));
      }
      return json;
    } catch (InvalidProtocolBufferException e) {
      throw ApiError.badRequest("not a protobuf SelfSubjectAccessReview: " + e.getMessage());
    }
  }

  private static ByteString bytes(UnknownFieldSet fields, int number) {
    if (!fields.hasField(number)
        || fields.getField(number).getLengthDelimitedList().isEmpty()) {
      return ByteString.EMPTY;
    }
    return fields.getField(number).getLengthDelimitedList().get(0);
  }

  private static String string(UnknownFieldSet fields, int number) {
    return bytes(fields, number).toString(StandardCharsets.UTF_8);
  }
}
