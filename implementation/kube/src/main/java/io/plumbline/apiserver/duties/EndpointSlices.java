package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;

/**
 * The discovery.k8s.io/v1 EndpointSlice a service's Endpoints subsets amount to, as Kubernetes'
 * EndpointSlice controller writes it (one IPv4 slice per service here, named after the service):
 * labelled {@code kubernetes.io/service-name}, one endpoint per pod address with its
 * {@code ready}/{@code serving}/{@code terminating} conditions, node and pod reference, and the
 * subset's ports. kubectl's {@code describe svc} reads endpoints from these. Pure.
 */
final class EndpointSlices {
  static final String SERVICE_NAME = "kubernetes.io/service-name";
  static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  static final String CONTROLLER = "endpointslice-controller.k8s.io";

  private EndpointSlices() {}

  /** The slice's content (everything but metadata) for {@code subsets}. */
  static ObjectNode content(ArrayNode subsets) {
    ObjectNode slice = Json.object().put("addressType", "IPv4");
    ArrayNode endpoints = slice.putArray("endpoints");
    ArrayNode ports = slice.putArray("ports");
    for (JsonNode subset : subsets) {
      subset.path("addresses").forEach(a -> endpoints.add(endpoint(a, true)));
      subset.path("notReadyAddresses").forEach(a -> endpoints.add(endpoint(a, false)));
      if (ports.isEmpty()) {
        // an unnamed port still has name "" (Go: a non-nil *string), as Kubernetes' controller
        // writes it: kubectl describe svc dereferences it and panics on a missing one
        subset.path("ports").forEach(p -> ports.add(((ObjectNode) p.deepCopy())
            .put("name", p.path("name").asText(""))));
      }
    }
    return slice;
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

  private static ObjectNode endpoint(JsonNode address, boolean ready) {
    ObjectNode e = Json.object();
    e.putArray("addresses").add(address.path("ip").asText());
    e.putObject("conditions").put("ready", ready).put("serving", ready)
        .put("terminating", false);
    if (address.has("nodeName")) {
      e.put("nodeName", address.get("nodeName").asText());
    }
    if (address.has("targetRef")) {
      e.set("targetRef", address.get("targetRef").deepCopy());
    }
    return e;
  }
}
