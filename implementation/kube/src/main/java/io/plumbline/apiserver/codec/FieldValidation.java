package io.plumbline.apiserver.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.plumbline.apiserver.api.ApiError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code fieldValidation} query parameter: fields a request body sets that its Kubernetes type
 * does not declare, found with the same protobuf descriptors the codec and the OpenAPI documents
 * use. {@code Strict} refuses the request (400, kube-apiserver's "strict decoding error"),
 * {@code Warn} (the default, as in kube-apiserver) answers with one {@code Warning} header per
 * field, {@code Ignore} does neither. Kinds without a descriptor (Lease, EndpointSlice) are not
 * checked; {@code $}-directives of strategic merge patches are not fields. Duplicate fields in one
 * JSON object are not detected (the JSON parser keeps the last).
 */
public final class FieldValidation {
  private FieldValidation() {}

  /** Message types whose JSON is a scalar or free-form: their content is not walked. */
  private static final Set<String> LEAVES = Set.of(
      "k8s.io.apimachinery.pkg.apis.meta.v1.Time", "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime",
      "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1", "k8s.io.apimachinery.pkg.runtime.RawExtension",
      "k8s.io.apimachinery.pkg.util.intstr.IntOrString",
      "k8s.io.apimachinery.pkg.api.resource.Quantity");

  /**
   * Checks {@code body} (an object of {@code apiVersion} {@code kind}) under {@code directive};
   * returns the warnings to send, or throws for Strict.
   */
  public static List<String> check(String directive, String apiVersion, String kind,
      JsonNode body) {
    String mode = directive == null || directive.isEmpty() ? "Warn" : directive;
    if (!List.of("Ignore", "Warn", "Strict").contains(mode)) {
      throw ApiError.badRequest("fieldValidation: Unsupported value: \"" + directive
          + "\": supported values: \"Ignore\", \"Warn\", \"Strict\"");
    }
    Optional<Descriptor> type = ProtoTypes.find(apiVersion, kind);
    if (mode.equals("Ignore") || type.isEmpty() || !body.isObject()) {
      return List.of();
    }
    List<String> unknown = new ArrayList<>();
    walk(type.get(), body, "", unknown, true);
    if (mode.equals("Strict") && !unknown.isEmpty()) {
      throw ApiError.badRequest(kind + " in version \"" + apiVersion + "\" cannot be handled as a "
          + kind + ": strict decoding error: " + String.join(", ", unknown.stream()
              .map(f -> "unknown field \"" + f + "\"").toList()));
    }
    return unknown.stream().map(f -> "unknown field \"" + f + "\"").toList();
  }

  private static void walk(Descriptor type, JsonNode object, String at, List<String> unknown,
      boolean top) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (key.startsWith("$") || top && (key.equals("apiVersion") || key.equals("kind"))) {
        continue;
      }
      String path = at.isEmpty() ? key : at + "." + key;
      FieldDescriptor field = type.findFieldByName(key);
      if (field == null) {
        unknown.add(path);
      } else {
        value(field, e.getValue(), path, unknown);
      }
    }
  }

  private static void value(FieldDescriptor field, JsonNode value, String path,
      List<String> unknown) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return;
    }
    if (field.isMapField()) {
      FieldDescriptor v = field.getMessageType().findFieldByName("value");
      if (v.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        value.fields().forEachRemaining(e -> nested(v.getMessageType(), e.getValue(),
            path + "." + e.getKey(), unknown));
      }
    } else if (field.isRepeated() && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        nested(field.getMessageType(), value.get(i), path + "[" + i + "]", unknown);
      }
    } else {
      nested(field.getMessageType(), value, path, unknown);
    }
  }

  private static void nested(Descriptor type, JsonNode value, String path, List<String> unknown) {
    if (value.isObject() && !LEAVES.contains(type.getFullName())) {
      walk(type, value, path, unknown, false);
    }
  }
}
