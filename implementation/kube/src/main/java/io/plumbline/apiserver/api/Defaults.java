package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Fields the server fills in when a client leaves them out, as Kubernetes' defaulting does. */
public final class Defaults {
  private Defaults() {}

  /** Fills defaults in place; {@code clusterIp} is used only for a service that has none yet. */
  public static void apply(ResourceType type, ObjectNode object, String clusterIp) {
    switch (type.kind()) {
      case "Pod" -> pod(object);
      case "Service" -> service(object, clusterIp);
      case "ReplicationController" -> replicationController(object);
      case "Namespace" -> Json.child(object, "status").put("phase", "Active");
      case "Secret" -> secret(object);
      default -> { }
    }
  }

  /**
   * {@code type} defaults to {@code Opaque}; {@code stringData} is write-only: each entry is
   * stored base64-encoded under {@code data} (overriding a same-named entry) and the field goes.
   */
  private static void secret(ObjectNode secret) {
    if (!secret.has("type")) {
      secret.put("type", "Opaque");
    }
    JsonNode plain = secret.remove("stringData");
    if (plain != null && plain.isObject() && !plain.isEmpty()) {
      ObjectNode data = Json.child(secret, "data");
      plain.fields().forEachRemaining(e -> data.put(e.getKey(), java.util.Base64.getEncoder()
          .encodeToString(e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
  }

  private static void pod(ObjectNode pod) {
    ObjectNode spec = Json.child(pod, "spec");
    containerPorts(spec);
    if (!spec.has("restartPolicy")) {
      spec.put("restartPolicy", "Always");
    }
    ObjectNode status = Json.child(pod, "status");
    if (!status.has("phase")) {
      status.put("phase", "Pending");
    }
  }

  /** Container ports are TCP unless said otherwise. */
  private static void containerPorts(JsonNode podSpec) {
    for (JsonNode container : podSpec.path("containers")) {
      for (JsonNode port : container.path("ports")) {
        if (port instanceof ObjectNode p && !p.has("protocol")) {
          p.put("protocol", "TCP");
        }
      }
    }
  }

  private static void service(ObjectNode service, String clusterIp) {
    ObjectNode spec = Json.child(service, "spec");
    if (!spec.has("type")) {
      spec.put("type", "ClusterIP");
    }
    if (!spec.has("sessionAffinity")) {
      spec.put("sessionAffinity", "None");
    }
    if (!spec.has("clusterIP") && clusterIp != null) {
      spec.put("clusterIP", clusterIp);
      spec.putArray("clusterIPs").add(clusterIp);
    }
    for (JsonNode port : spec.path("ports")) {
      if (port instanceof ObjectNode p) {
        if (!p.has("protocol")) {
          p.put("protocol", "TCP");
        }
        if (!p.has("targetPort") && p.has("port")) {
          p.set("targetPort", p.get("port"));
        }
      }
    }
  }

  private static void replicationController(ObjectNode rc) {
    ObjectNode spec = Json.child(rc, "spec");
    if (!spec.has("replicas")) {
      spec.put("replicas", 1);
    }
    containerPorts(spec.path("template").path("spec"));
    // SetDefaults_ReplicationController: len(selector) == 0 and len(labels) == 0, so an empty
    // map ({}) is defaulted as an absent one is
    JsonNode templateLabels = spec.path("template").path("metadata").path("labels");
    if (emptyMap(spec.path("selector")) && templateLabels.isObject()) {
      spec.set("selector", templateLabels.deepCopy());
    }
    ObjectNode meta = Json.child(rc, "metadata");
    if (emptyMap(meta.path("labels")) && templateLabels.isObject()) {
      meta.set("labels", templateLabels.deepCopy());
    }
  }

  /** Absent, null or {}: what Go's {@code len(m) == 0} sees of a map field. */
  private static boolean emptyMap(JsonNode field) {
    return field.isMissingNode() || field.isNull() || field.isObject() && field.isEmpty();
  }
}
