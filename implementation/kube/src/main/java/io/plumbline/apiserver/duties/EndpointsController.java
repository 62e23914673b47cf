package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.FieldSelector;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LabelSelector;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps each service's Endpoints and EndpointSlice (same namespace and name) in step with the pods
 * its selector matches ({@link #backends}): in the Endpoints, Ready pods with an IP under
 * {@code addresses}, the others under {@code notReadyAddresses}, terminating pods (with a
 * {@code deletionTimestamp}) in neither; in the slice, every one of them with its conditions
 * ({@link EndpointSlices}). Endpoints it created carry {@link #MANAGED_BY} and are deleted when
 * their service goes; Endpoints written by hand for selector-less services are left alone.
 */
public final class EndpointsController implements Runnable {
  /** The label marking Endpoints this controller owns (Kubernetes' own label). */
  public static final String MANAGED_BY = "endpoints.kubernetes.io/managed-by";
  private static final String CONTROLLER = "endpoint-controller";

  private final ObjectService objects;

  /**
   * A pod behind a service: its Endpoints address, whether the pod is Ready, and whether it is
   * terminating (has a {@code deletionTimestamp}).
   */
  record Backend(ObjectNode address, boolean podReady, boolean terminating) {}

  public EndpointsController(ObjectService objects) {
    this.objects = objects;
  }

  @Override
  public void run() {
    JsonNode pods = all(Resources.PODS);
    Set<String> services = new HashSet<>();
    for (JsonNode service : all(Resources.SERVICES)) {
      services.add(id(service));
      Map<String, String> selector = new TreeMap<>();
      service.path("spec").path("selector").fields()
          .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
      if (!selector.isEmpty()) {
        List<Backend> backends = backends(service, LabelSelector.ofMap(selector), pods);
        sync(service, desiredSubsets(service, backends));
        syncSlice(service, EndpointSlices.content(service, backends));
      }
    }
    for (JsonNode endpoints : all(Resources.ENDPOINTS)) {
      boolean managed = CONTROLLER.equals(
          endpoints.path("metadata").path("labels").path(MANAGED_BY).asText());
      if (managed && !services.contains(id(endpoints))) {
        ignoreRace(() -> objects.delete(Resources.ENDPOINTS,
            Json.text(endpoints, "metadata.namespace"), Json.text(endpoints, "metadata.name"),
            preconditionOn(endpoints), WriteFence.NONE));
      }
    }
    for (JsonNode slice : all(Resources.ENDPOINT_SLICES)) {
      boolean managed = EndpointSlices.CONTROLLER.equals(
          slice.path("metadata").path("labels").path(EndpointSlices.MANAGED_BY).asText());
      if (managed && !services.contains(Json.text(slice, "metadata.namespace") + "/"
          + slice.path("metadata").path("labels").path(EndpointSlices.SERVICE_NAME).asText())) {
        ignoreRace(() -> objects.delete(Resources.ENDPOINT_SLICES,
            Json.text(slice, "metadata.namespace"), Json.text(slice, "metadata.name"),
            preconditionOn(slice), WriteFence.NONE));
      }
    }
  }

  /** The service's EndpointSlice, kept equal to {@code content}. */
  private void syncSlice(JsonNode service, ObjectNode content) {
    String namespace = Json.text(service, "metadata.namespace");
    String name = Json.text(service, "metadata.name");
    ignoreRace(() -> objects.find(Resources.ENDPOINT_SLICES, namespace, name).ifPresentOrElse(
        existing -> {
          ObjectNode was = existing.deepCopy();
          was.remove(List.of("kind", "apiVersion", "metadata"));
          if (!was.equals(content)) {
            objects.mutate(Resources.ENDPOINT_SLICES, namespace, name,
                Json.text(existing, "metadata.resourceVersion"), e -> {
                  e.setAll(content);
                  return e;
                }, WriteFence.NONE);
          }
        },
        () -> {
          ObjectNode slice = Json.object();
          slice.set("metadata", EndpointSlices.metadata(service));
          slice.setAll(content);
          objects.create(Resources.ENDPOINT_SLICES, namespace, slice, WriteFence.NONE);
        }));
  }

  /**
   * The pods of the service's namespace its selector matches that belong behind it, as
   * Kubernetes' {@code ShouldPodBeInEndpoints} with terminating pods included: with an IP and not
   * finished (phase Succeeded or Failed); in IP order.
   */
  static List<Backend> backends(JsonNode service, LabelSelector selector, JsonNode pods) {
    String namespace = Json.text(service, "metadata.namespace");
    Map<String, Backend> byIp = new TreeMap<>();
    for (JsonNode pod : pods) {
      String ip = Json.text(pod, "status.podIP");
      String phase = Json.text(pod, "status.phase");
      if (Json.text(pod, "metadata.namespace").equals(namespace) && selector.matches(pod)
          && !ip.isEmpty() && !phase.equals("Succeeded") && !phase.equals("Failed")) {
        byIp.put(ip, new Backend(address(pod, ip), PodConditions.isTrue(pod, "Ready"),
            !Json.text(pod, "metadata.deletionTimestamp").isEmpty()));
      }
    }
    return List.copyOf(byIp.values());
  }

  /**
   * The Endpoints subsets, as Kubernetes' endpoints controller writes them: terminating pods are
   * left out, Ready pods go under {@code addresses} and the others under
   * {@code notReadyAddresses}; with {@code spec.publishNotReadyAddresses} every pod, terminating
   * ones too, goes under {@code addresses}. One subset, on every service port.
   */
  static ArrayNode desiredSubsets(JsonNode service, List<Backend> backends) {
    boolean publishAll = publishNotReadyAddresses(service);
    ArrayNode ready = Json.MAPPER.createArrayNode();
    ArrayNode notReady = Json.MAPPER.createArrayNode();
    for (Backend b : backends) {
      if (publishAll || !b.terminating()) {
        (publishAll || b.podReady() ? ready : notReady).add(b.address());
      }
    }
    ArrayNode subsets = Json.MAPPER.createArrayNode();
    if (ready.isEmpty() && notReady.isEmpty()) {
      return subsets;
    }
    ObjectNode subset = subsets.addObject();
    if (!ready.isEmpty()) {
      subset.set("addresses", ready);
    }
    if (!notReady.isEmpty()) {
      subset.set("notReadyAddresses", notReady);
    }
    subset.set("ports", ports(service));
    return subsets;
  }

  /** {@link #desiredSubsets(JsonNode, List)} of the {@link #backends} of {@code pods}. */
  static ArrayNode desiredSubsets(JsonNode service, LabelSelector selector, JsonNode pods) {
    return desiredSubsets(service, backends(service, selector, pods));
  }

  static boolean publishNotReadyAddresses(JsonNode service) {
    return service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
  }

  /** The service's ports as endpoint ports: each {@code targetPort} (else {@code port}). */
  static ArrayNode ports(JsonNode service) {
    ArrayNode ports = Json.MAPPER.createArrayNode();
    for (JsonNode p : service.path("spec").path("ports")) {
      ObjectNode port = ports.addObject();
      if (p.has("name")) {
        port.put("name", p.get("name").asText());
      }
      JsonNode target = p.path("targetPort");
      port.put("port", target.canConvertToInt() ? target.asInt() : p.path("port").asInt());
      port.put("protocol", p.path("protocol").asText("TCP"));
    }
    return ports;
  }

  private static ObjectNode address(JsonNode pod, String ip) {
    ObjectNode a = Json.object().put("ip", ip);
    if (!Json.text(pod, "spec.nodeName").isEmpty()) {
      a.put("nodeName", Json.text(pod, "spec.nodeName"));
    }
    a.putObject("targetRef").put("kind", "Pod")
        .put("namespace", Json.text(pod, "metadata.namespace"))
        .put("name", Json.text(pod, "metadata.name")).put("uid", Json.text(pod, "metadata.uid"));
    return a;
  }

  private void sync(JsonNode service, ArrayNode subsets) {
    String namespace = Json.text(service, "metadata.namespace");
    String name = Json.text(service, "metadata.name");
    ignoreRace(() -> objects.find(Resources.ENDPOINTS, namespace, name).ifPresentOrElse(
        existing -> {
          if (!existing.path("subsets").equals(subsets)) {
            objects.mutate(Resources.ENDPOINTS, namespace, name,
                Json.text(existing, "metadata.resourceVersion"),
                e -> {
                  e.set("subsets", subsets);
                  return e;
                }, WriteFence.NONE);
          }
        },
        () -> {
          ObjectNode endpoints = Json.object();
          ObjectNode meta = endpoints.putObject("metadata").put("name", name);
          meta.putObject("labels").put(MANAGED_BY, CONTROLLER);
          endpoints.set("subsets", subsets);
          objects.create(Resources.ENDPOINTS, namespace, endpoints, WriteFence.NONE);
        }));
  }

  private JsonNode all(io.plumbline.apiserver.api.ResourceType type) {
    return objects.list(type, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING)
        .get("items");
  }

  private static String id(JsonNode object) {
    return Json.text(object, "metadata.namespace") + "/" + Json.text(object, "metadata.name");
  }

  private static ObjectNode preconditionOn(JsonNode object) {
    ObjectNode options = Json.object();
    options.putObject("preconditions")
        .put("resourceVersion", Json.text(object, "metadata.resourceVersion"));
    return options;
  }

  /** Another API server got there first (409/404): the next run sees the new state. */
  private static void ignoreRace(Runnable write) {
    try {
      write.run();
    } catch (ApiError e) {
      if (e.code() != 409 && e.code() != 404) {
        throw e;
      }
    }
  }
}
