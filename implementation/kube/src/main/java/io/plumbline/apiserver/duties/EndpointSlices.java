package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery.k8s.io/v1 EndpointSlice of a service's backends, as Kubernetes' EndpointSlice
 * controller writes it (one IPv4 slice per service here, named after the service): labelled
 * {@code kubernetes.io/service-name}, one endpoint per pod with its
 * {@code ready}/{@code serving}/{@code terminating} conditions, node and pod reference, and the
 * service's ports. kubectl's {@code describe svc} reads endpoints from these. Pure.
 */
final class EndpointSlices {
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  static final String CONTROLLER = "endpointslice-controller.k8s.io";

  private EndpointSlices() {}

  /**
   * The slice's content (everything but metadata): every backend, terminating ones too, as
   * Kubernetes' EndpointSlice controller writes it: {@code serving} is the pod's readiness,
   * {@code terminating} its {@code deletionTimestamp}, and {@code ready} is serving and not
   * terminating, or true for every pod when the service sets {@code publishNotReadyAddresses}.
   * Ready endpoints first, each group in IP order; the ports resolved on them. Kubernetes writes
   * one slice per distinct list of resolved ports; this one slice holds the backends of the list
   * most of them share (ties: the first pod's), so with a named {@code targetPort} that resolves
   * differently on some pods those pods are in the Endpoints but not in the slice.
   */
  static ObjectNode content(JsonNode service, List<EndpointsController.Backend> backends) {
    boolean publishAll = EndpointsController.publishNotReadyAddresses(service);
    ArrayNode portList = commonPorts(backends);
    ObjectNode slice = Json.object().put("addressType", "IPv4");
    ArrayNode ready = Json.MAPPER.createArrayNode();
    ArrayNode others = Json.MAPPER.createArrayNode();
    for (EndpointsController.Backend b : backends) {
      if (!b.ports().equals(portList)) {
        continue;
      }
      boolean isReady = publishAll || (b.podReady() && !b.terminating());
      (isReady ? ready : others).add(endpoint(b.address(), isReady, b.podReady(),
          b.terminating()));
    }
    slice.putArray("endpoints").addAll(ready).addAll(others);
    ArrayNode ports = slice.putArray("ports");
    if (!backends.isEmpty()) {
      // an unnamed port still has name "" (Go: a non-nil *string), as Kubernetes' controller
      // writes it: kubectl describe svc dereferences it and panics on a missing one
      portList.forEach(p -> ports.add(((ObjectNode) p.deepCopy())
          .put("name", p.path("name").asText(""))));
    }
    return slice;
  }

  /** The resolved port list most backends share (ties: the first backend's); empty if none. */
  private static ArrayNode commonPorts(List<EndpointsController.Backend> backends) {
    Map<ArrayNode, Integer> counts = new LinkedHashMap<>();
    backends.forEach(b -> counts.merge(b.ports(), 1, Integer::sum));
    ArrayNode best = Json.MAPPER.createArrayNode();
    int most = 0;
    for (Map.Entry<ArrayNode, Integer> e : counts.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }

  /** Metadata of the slice of {@code service}: its labels and an owner reference to it. */
  static ObjectNode metadata(JsonNode service) {
    ObjectNode meta = Json.object().put("name", Json.text(service, "metadata.name"));
    meta.putObject("labels").put(SERVICE_NAME, Json.text(service, "metadata.name"))
        .put(MANAGED_BY, CONTROLLER);
    meta.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Service")
        .put("name", Json.text(service, "metadata.name"))
        .put("uid", Json.text(service, "metadata.uid")).put("controller", true)
        .put("blockOwnerDeletion", true);
    return meta;
  }

  private static ObjectNode endpoint(JsonNode address, boolean ready, boolean serving,
      boolean terminating) {
    ObjectNode e = Json.object();
    e.putArray("addresses").add(address.path("ip").asText());
    e.putObject("conditions").put("ready", ready).put("serving", serving)
        .put("terminating", terminating);
    if (address.has("nodeName")) {
      e.put("nodeName", address.get("nodeName").asText());
    }
    if (address.has("targetRef")) {
      e.set("targetRef", address.get("targetRef").deepCopy());
    }
    return e;
  }
}
