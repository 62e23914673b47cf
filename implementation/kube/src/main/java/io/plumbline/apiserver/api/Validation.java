package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field checks run before every write; a failure is a 422 Invalid with one cause per problem,
 * named by field path as Kubernetes names them ({@code spec.containers[0].image}).
 */
public final class Validation {
  private Validation() {}

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN = LabelRules.SUBDOMAIN;

  /** Throws {@link ApiError#invalid} listing every problem with {@code object}. */
  public static void check(ResourceType type, ObjectNode object) {
    List<ApiError.Cause> causes = new ArrayList<>();
    String name = Json.text(object, "metadata.name");
    if (type.group().equals(Resources.RBAC_GROUP)) {
      RbacValidation.check(type, name, object, causes); // RBAC names may hold ':'
    } else {
      checkName(type, name, causes);
    }
    LabelRules.check("metadata.labels", object.path("metadata").path("labels"), causes);
    checkAnnotations(object.path("metadata").path("annotations"), causes);
    switch (type.kind()) {
      case "Pod" -> checkPod(object.path("spec"), causes);
      case "Service" -> checkService(object.path("spec"), causes);
      case "ReplicationController" -> checkReplicationController(object.path("spec"), causes);
      case "Lease" -> checkLease(object.path("spec"), causes);
      case "Endpoints" -> checkEndpoints(object.path("subsets"), causes);
      case "Secret" -> checkSecretData(object.path("data"), causes);
      default -> { }
    }
    if (!causes.isEmpty()) {
      throw ApiError.invalid(type, name, causes);
    }
  }

  /** Secret {@code data} values are base64 (the JSON form of Kubernetes' []byte). */
  private static void checkSecretData(JsonNode data, List<ApiError.Cause> causes) {
    data.fields().forEachRemaining(e -> {
      try {
        java.util.Base64.getDecoder().decode(e.getValue().asText());
      } catch (IllegalArgumentException notBase64) {
        causes.add(invalid("data[" + e.getKey() + "]", "Invalid value: illegal base64 data"));
      }
    });
  }

  /** Kubernetes' limit on the total size of an object's annotations (keys plus values, in bytes). */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

  private static void checkAnnotations(JsonNode annotations, List<ApiError.Cause> causes) {
    LabelRules.checkAnnotationKeys(annotations, causes);
    long total = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      total += utf8Length(e.getKey()) + utf8Length(e.getValue().asText());
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) {
      causes.add(new ApiError.Cause("metadata.annotations", "FieldValueTooLong",
          "Too long: must have at most " + TOTAL_ANNOTATION_SIZE_LIMIT_BYTES + " bytes"));
    }
  }

  private static long utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  static ApiError.Cause requiredCause(String field) {
    return required(field, "Required value");
  }

  static ApiError.Cause invalidCause(String field, String message) {
    return invalid(field, message);
  }

  private static void checkName(ResourceType type, String name, List<ApiError.Cause> causes) {
    boolean label = type == Resources.NAMESPACES || type == Resources.SERVICES;
    Pattern pattern = label ? DNS_LABEL : DNS_SUBDOMAIN;
    int max = label ? 63 : 253;
    if (name.isEmpty()) {
      causes.add(required("metadata.name", "name or generateName is required"));
    } else if (name.length() > max || !pattern.matcher(name).matches()) {
      causes.add(invalid("metadata.name", "Invalid value: \"" + name + "\": a lowercase RFC 1123 "
          + (label ? "label" : "subdomain") + " must consist of lower case alphanumeric "
          + "characters, '-'" + (label ? "" : " or '.'")
          + ", and must start and end with an alphanumeric character"));
    }
  }

  private static void checkPod(JsonNode spec, List<ApiError.Cause> causes) {
    JsonNode containers = spec.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      causes.add(required("spec.containers", "Required value"));
      return;
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      String at = "spec.containers[" + i + "]";
      String name = c.path("name").asText("");
      if (name.isEmpty()) {
        causes.add(required(at + ".name", "Required value"));
      } else if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
        causes.add(invalid(at + ".name", "Invalid value: \"" + name
            + "\": must be a lowercase RFC 1123 label of at most 63 characters"));
      } else if (!names.add(name)) {
        // Containers are addressed by name (logs, exec, status): two of one name are ambiguous.
        causes.add(new ApiError.Cause(at + ".name", "FieldValueDuplicate",
            "Duplicate value: \"" + name + "\""));
      }
      if (c.path("image").asText("").isBlank()) {
        causes.add(required(at + ".image", "Required value"));
      }
    }
  }

  private static void checkService(JsonNode spec, List<ApiError.Cause> causes) {
    JsonNode ports = spec.path("ports");
    if (!ports.isArray() || ports.isEmpty()) {
      causes.add(required("spec.ports", "Required value"));
      return;
    }
    for (int i = 0; i < ports.size(); i++) {
      checkPort("spec.ports[" + i + "].port", ports.get(i).path("port"), causes);
    }
    LabelRules.check("spec.selector", spec.path("selector"), causes);
  }

  private static void checkReplicationController(JsonNode spec, List<ApiError.Cause> causes) {
    if (spec.path("replicas").asInt(0) < 0) {
      causes.add(invalid("spec.replicas", "Invalid value: " + spec.path("replicas").asInt()
          + ": must be greater than or equal to 0"));
    }
    JsonNode selector = spec.path("selector");
    if (!selector.isObject() || selector.isEmpty()) {
      causes.add(required("spec.selector", "Required value"));
      return;
    }
    JsonNode labels = spec.path("template").path("metadata").path("labels");
    int before = causes.size();
    LabelRules.check("spec.selector", selector, causes);
    LabelRules.check("spec.template.metadata.labels", labels, causes);
    if (causes.size() > before) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> want = it.next();
      if (!want.getValue().equals(labels.get(want.getKey()))) {
        causes.add(invalid("spec.template.metadata.labels",
            "Invalid value: " + labels + ": `selector` does not match template `labels`"));
        return;
      }
    }
    if (spec.path("template").path("spec").isObject()) {
      List<ApiError.Cause> podCauses = new ArrayList<>();
      checkPod(spec.path("template").path("spec"), podCauses);
      podCauses.forEach(c -> causes.add(new ApiError.Cause(
          c.field().replaceFirst("^spec", "spec.template.spec"), c.reason(), c.message())));
    } else {
      causes.add(required("spec.template", "Required value"));
    }
  }

  private static void checkLease(JsonNode spec, List<ApiError.Cause> causes) {
    JsonNode duration = spec.path("leaseDurationSeconds");
    if (!duration.isMissingNode() && !duration.isNull() && duration.asInt(0) <= 0) {
      causes.add(invalid("spec.leaseDurationSeconds", "Invalid value: " + duration
          + ": must be greater than 0"));
    }
  }

  private static void checkEndpoints(JsonNode subsets, List<ApiError.Cause> causes) {
    for (int s = 0; s < subsets.size(); s++) {
      JsonNode addresses = subsets.get(s).path("addresses");
      for (int a = 0; a < addresses.size(); a++) {
        if (addresses.get(a).path("ip").asText("").isEmpty()) {
          causes.add(required("subsets[" + s + "].addresses[" + a + "].ip", "Required value"));
        }
      }
    }
  }

  private static void checkPort(String field, JsonNode port, List<ApiError.Cause> causes) {
    if (port.isMissingNode() || port.isNull()) {
      causes.add(required(field, "Required value"));
    } else if (!port.canConvertToInt() || port.asInt() < 1 || port.asInt() > 65535) {
      causes.add(invalid(field, "Invalid value: " + port + ": must be between 1 and 65535, "
          + "inclusive"));
    }
  }

  private static ApiError.Cause required(String field, String message) {
    return new ApiError.Cause(field, "FieldValueRequired", message);
  }

  private static ApiError.Cause invalid(String field, String message) {
    return new ApiError.Cause(field, "FieldValueInvalid", message);
  }
}
