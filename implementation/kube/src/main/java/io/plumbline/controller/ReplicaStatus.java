package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Conditions;
import io.plumbline.apiserver.api.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A replication controller's status, computed as Kubernetes' replica-set controller does from the
 * active pods it claims: {@code replicas} counts them, {@code fullyLabeledReplicas} those whose
 * labels include all of the template's labels, {@code readyReplicas} the Ready ones,
 * {@code availableReplicas} those Ready for longer than {@code spec.minReadySeconds} (as
 * Kubernetes' {@code IsPodAvailable}: lastTransitionTime + minReadySeconds before now), and
 * {@code observedGeneration} the RC generation the counts were made for. Pure.
 */
final class ReplicaStatus {
  private ReplicaStatus() {}

  static ObjectNode of(JsonNode rc, List<JsonNode> active, Instant now) {
    JsonNode templateLabels = rc.path("spec").path("template").path("metadata").path("labels");
    long minReadySeconds = rc.path("spec").path("minReadySeconds").asLong(0);
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (JsonNode pod : active) {
      fullyLabeled += PodClaims.selects(templateLabels, pod) || templateLabels.isEmpty() ? 1 : 0;
      if (Conditions.isTrue(pod, "Ready")) {
        ready++;
        available += readyFor(pod, minReadySeconds, now) ? 1 : 0;
      }
    }
    return Json.object().put("replicas", active.size()).put("fullyLabeledReplicas", fullyLabeled)
        .put("readyReplicas", ready).put("availableReplicas", available)
        .put("observedGeneration", rc.path("metadata").path("generation").asLong(1));
  }

  /** Whether the Ready condition turned true more than {@code seconds} before {@code now}. */
  private static boolean readyFor(JsonNode pod, long seconds, Instant now) {
    if (seconds <= 0) {
      return true;
    }
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        try {
          Instant since = Instant.parse(c.path("lastTransitionTime").asText());
          return since.plusSeconds(seconds).isBefore(now);
        } catch (DateTimeParseException noTime) {
          return false;
        }
      }
    }
    return false;
  }

  /** Kubernetes counts pods that are neither finished nor being deleted. */
  static boolean isActive(JsonNode pod) {
    String phase = Json.text(pod, "status.phase");
    return !phase.equals("Succeeded") && !phase.equals("Failed")
        && Json.text(pod, "metadata.deletionTimestamp").isEmpty();
  }
}
