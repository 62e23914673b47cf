package io.plumbline.apiserver.api;

import java.util.Map;
import java.util.Set;

/**
 * The field labels each resource can be selected by, as kube-apiserver registers them
 * ({@code AddFieldLabelConversionFunc} of each type); any other label is a 400 BadRequest
 * "field label not supported", as there. Every type has {@code metadata.name} and
 * {@code metadata.namespace}.
 */
public final class FieldLabels {
  private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
  private static final Map<String, Set<String>> BY_RESOURCE = Map.of(
      "pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
          "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP",
          "status.podIPs", "status.nominatedNodeName"),
      "nodes", Set.of("spec.unschedulable"),
      "namespaces", Set.of("status.phase"),
      "replicationcontrollers", Set.of("status.replicas"),
      "events", Set.of("involvedObject.kind", "involvedObject.namespace",
          "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
          "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
          "reportingComponent", "source", "type"),
      "services", Set.of("spec.clusterIP", "spec.type"));

  private FieldLabels() {}

  /** Throws 400 for a label {@code type} cannot be selected by. */
  public static void check(ResourceType type, FieldSelector selector) {
    Set<String> own = BY_RESOURCE.getOrDefault(type.plural(), Set.of());
    for (String path : selector.paths()) {
      if (!COMMON.contains(path) && !own.contains(path)) {
        throw ApiError.badRequest("field label not supported: " + path);
      }
    }
  }
}
