package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Records core/v1 Events about an object as Kubernetes' event recorder does (one Event per
 * occurrence here: no aggregation or rate limiting), so {@code kubectl describe} lists what a
 * controller did. Best effort: a refused or failed event write changes nothing else.
 */
final class ControllerEvents {
  private final ApiClient client;
  private final Clock clock;
  private final String component;

  ControllerEvents(ApiClient client, Clock clock, String component) {
    this.client = client;
    this.clock = clock;
    this.component = component;
  }

  /** A {@code Normal} event on {@code object} with {@code reason} and {@code message}. */
  void normal(JsonNode object, String reason, String message) {
    String ns = Json.text(object, "metadata.namespace");
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    ObjectNode event = Json.object().put("apiVersion", "v1").put("kind", "Event");
    event.putObject("metadata").put("generateName", Json.text(object, "metadata.name") + ".");
    event.putObject("involvedObject").put("apiVersion", object.path("apiVersion").asText("v1"))
        .put("kind", object.path("kind").asText()).put("namespace", ns)
        .put("name", Json.text(object, "metadata.name"))
        .put("uid", Json.text(object, "metadata.uid"))
        .put("resourceVersion", Json.text(object, "metadata.resourceVersion"));
    event.put("reason", reason).put("message", message).put("type", "Normal")
        .put("firstTimestamp", now).put("lastTimestamp", now).put("count", 1)
        .put("reportingComponent", component);
    event.putObject("source").put("component", component);
    try {
      client.create("/api/v1/namespaces/" + ns + "/events", event);
    } catch (ApiClient.Unreachable e) {
      // best effort, as client-go's recorder: the next event may get through
    }
  }
}
