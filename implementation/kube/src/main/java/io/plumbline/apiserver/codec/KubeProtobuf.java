package io.plumbline.apiserver.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.Runtime;
import io.plumbline.apiserver.api.ApiError;
import java.util.Arrays;

/**
 * The {@code application/vnd.kubernetes.protobuf} body: the four magic bytes {@code k8s\0}, then a
 * {@code runtime.Unknown} whose TypeMeta names apiVersion and kind, whose {@code raw} holds the
 * object's message, with empty contentEncoding and contentType (the defaults: raw protobuf), as
 * Kubernetes' protobuf serializer writes it (k8s.io/apimachinery/pkg/runtime/serializer/protobuf).
 */
public final class KubeProtobuf {
  private KubeProtobuf() {}

  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  /** The body for a JSON object with {@code apiVersion} and {@code kind} set. */
  public static byte[] encode(ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    byte[] raw = ProtoJson.fromJson(ProtoTypes.require(apiVersion, kind), object).toByteArray();
    byte[] unknown = Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(ByteString.copyFrom(raw)).setContentEncoding("").setContentType("")
        .build().toByteArray();
    byte[] body = Arrays.copyOf(MAGIC, MAGIC.length + unknown.length);
    System.arraycopy(unknown, 0, body, MAGIC.length, unknown.length);
    return body;
  }

  /** The JSON object a protobuf body holds, with apiVersion and kind from its TypeMeta. */
  public static ObjectNode decode(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw ApiError.badRequest("a " + MEDIA_TYPE + " body starts with k8s\\0");
    }
    Runtime.Unknown unknown;
    try {
      unknown = Runtime.Unknown.parseFrom(ByteString.copyFrom(body, MAGIC.length,
          body.length - MAGIC.length));
    } catch (InvalidProtocolBufferException e) {
      throw ApiError.badRequest("the protobuf envelope is not a runtime.Unknown: " + e.getMessage());
    }
    if (!unknown.getContentEncoding().isEmpty()
        || !unknown.getContentType().isEmpty() && !unknown.getContentType().equals(MEDIA_TYPE)) {
      throw ApiError.unsupportedMediaType("raw content " + unknown.getContentType()
          + " encoded " + unknown.getContentEncoding());
    }
    String apiVersion = unknown.getTypeMeta().getApiVersion();
    String kind = unknown.getTypeMeta().getKind();
    var type = ProtoTypes.find(apiVersion, kind).orElseThrow(() -> ApiError.badRequest(
        "no protobuf type " + apiVersion + " " + kind + " is served"));
    ObjectNode object = ProtoJson.toJson(ProtoJson.parse(type, unknown.getRaw().toByteArray()));
    ObjectNode typed = io.plumbline.apiserver.api.Json.object().put("apiVersion", apiVersion)
        .put("kind", kind);
    typed.setAll(object);
    return typed;
  }
}
