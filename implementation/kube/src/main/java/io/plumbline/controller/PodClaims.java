package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.OwnerReferences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which pods one replication controller claims, as Kubernetes' controller-ref manager decides
 * ({@code ClaimPods}): of the pods in the RC's namespace, one it controls and whose labels still
 * match its selector is kept; one it controls that stopped matching is released (its controller
 * reference removed, and the RC makes a replacement); a matching pod with no controller and not
 * being deleted is adopted; a pod another controller owns is never touched. Pure: the
 * {@link ReplicationManager} makes the writes.
 */
record PodClaims(List<JsonNode> kept, List<JsonNode> adopt, List<JsonNode> release) {
  static PodClaims of(JsonNode rc, JsonNode pods) {
    String uid = Json.text(rc, "metadata.uid");
    String ns = Json.text(rc, "metadata.namespace");
    JsonNode selector = rc.path("spec").path("selector");
    List<JsonNode> kept = new ArrayList<>();
    List<JsonNode> adopt = new ArrayList<>();
    List<JsonNode> release = new ArrayList<>();
    for (JsonNode pod : pods) {
      if (!Json.text(pod, "metadata.namespace").equals(ns)) {
        continue;
      }
      boolean matches = selects(selector, pod);
      Optional<JsonNode> controller = OwnerReferences.controller(pod);
      if (controller.isPresent()) {
        if (controller.get().path("uid").asText().equals(uid)) {
          (matches ? kept : release).add(pod);
        }
      } else if (matches && Json.text(pod, "metadata.deletionTimestamp").isEmpty()) {
        adopt.add(pod);
      }
    }
    return new PodClaims(kept, adopt, release);
  }

  /**
   * An RC's equality-based selector: every key=value in it is among the pod's labels. An empty
   * selector selects nothing (the API server defaults it to the template's labels and refuses an
   * empty one, so this only guards against adopting a whole namespace).
   */
  static boolean selects(JsonNode selector, JsonNode pod) {
    if (!selector.isObject() || selector.isEmpty()) {
      return false;
    }
    JsonNode labels = pod.path("metadata").path("labels");
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) selector::fields) {
      if (!labels.path(e.getKey()).isTextual()
          || !labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }
}
