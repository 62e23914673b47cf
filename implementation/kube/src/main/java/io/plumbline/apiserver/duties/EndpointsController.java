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
   * A pod behind a service: its Endpoints address, whether the pod is Ready, whether it is
   * terminating (has a {@code deletionTimestamp}), and the service's ports as resolved on this
   * pod ({@link #ports(JsonNode, JsonNode)}).
   */
  record Backend(ObjectNode address, boolean podReady, boolean terminating, ArrayNode ports) {}

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
   * finished (phase Succeeded or Failed), and (when the service has ports) on at least one of
   * them a resolved port: a pod without the named port a {@code targetPort} names is left out, as
   * Kubernetes' endpoints controller leaves it out; in IP order.
   */
  static List<Backend> backends(JsonNode service, LabelSelector selector, JsonNode pods) {
    String namespace = Json.text(service, "metadata.namespace");
    Map<String, Backend> byIp = new TreeMap<>();
    for (JsonNode pod : pods) {
      String ip = Json.text(pod, "status.podIP");
      String phase = Json.text(pod, "status.phase");
      if (Json.text(pod, "metadata.namespace").equals(namespace) && selector.matches(pod)
          && !ip.isEmpty() && !phase.equals("Succeeded") && !phase.equals("Failed")) {
        ArrayNode ports = ports(service, pod);
        if (ports.isEmpty() && !service.path("spec").path("ports").isEmpty()) {
          continue;
        }
        byIp.put(ip, new Backend(address(pod, ip), PodConditions.isTrue(pod, "Ready"),
            !Json.text(pod, "metadata.deletionTimestamp").isEmpty(), ports));
      }
    }
    return List.copyOf(byIp.values());
  }

  /**
   * The Endpoints subsets, as Kubernetes' endpoints controller writes them: terminating pods are
   * left out, Ready pods go under {@code addresses} and the others under
   * {@code notReadyAddresses}; with {@code spec.publishNotReadyAddresses} every pod, terminating
   * ones too, goes under {@code addresses}. One subset per distinct list of resolved ports (as
   * {@code RepackSubsets} groups them; a named {@code targetPort} may resolve differently on each
   * pod), in the order of their first pod.
   */
  static ArrayNode desiredSubsets(JsonNode service, List<Backend> backends) {
    boolean publishAll = publishNotReadyAddresses(service);
    Map<ArrayNode, ArrayNode[]> byPorts = new java.util.LinkedHashMap<>();
    for (Backend b : backends) {
      if (publishAll || !b.terminating()) {
        ArrayNode[] lists = byPorts.computeIfAbsent(b.ports(), p -> new ArrayNode[] {
            Json.MAPPER.createArrayNode(), Json.MAPPER.createArrayNode()});
        lists[publishAll || b.podReady() ? 0 : 1].add(b.address());
      }
    }
    ArrayNode subsets = Json.MAPPER.createArrayNode();
    byPorts.forEach((ports, lists) -> {
      ObjectNode subset = subsets.addObject();
      if (!lists[0].isEmpty()) {
        subset.set("addresses", lists[0]);
      }
      if (!lists[1].isEmpty()) {
        subset.set("notReadyAddresses", lists[1]);
      }
      subset.set("ports", ports);
    });
    return subsets;
  }

  /** {@link #desiredSubsets(JsonNode, List)} of the {@link #backends} of {@code pods}. */
  static ArrayNode desiredSubsets(JsonNode service, LabelSelector selector, JsonNode pods) {
    return desiredSubsets(service, backends(service, selector, pods));
  }

  static boolean publishNotReadyAddresses(JsonNode service) {
    return service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
  }

  /**
   * The service's ports as endpoint ports on {@code pod}, as Kubernetes' {@code FindPort} resolves
   * each {@code targetPort}: a number as it is (none: the service {@code port}); a name, the
   * {@code containerPort} of the pod's container port (or restartable init container's) of that
   * name and the service port's protocol; a port whose name the pod lacks is left out.
   */
  static ArrayNode ports(JsonNode service, JsonNode pod) {
    ArrayNode ports = Json.MAPPER.createArrayNode();
    for (JsonNode p : service.path("spec").path("ports")) {
      JsonNode target = p.path("targetPort");
      String protocol = p.path("protocol").asText("TCP");
      Integer number = target.canConvertToInt() ? Integer.valueOf(target.asInt())
          : target.isTextual() ? namedPort(pod, target.asText(), protocol)
          : Integer.valueOf(p.path("port").asInt());
      if (number == null) {
        continue;
      }
      ObjectNode port = ports.addObject();
      if (p.has("name")) {
        port.put("name", p.get("name").asText());
      }
      port.put("port", number).put("protocol", protocol);
    }
    return ports;
  }

  /** The number of the pod's container port named {@code name} with {@code protocol}, or null. */
  private static Integer namedPort(JsonNode pod, String name, String protocol) {
    List<JsonNode> containers = new java.util.ArrayList<>();
    pod.path("spec").path("containers").forEach(containers::add);
    pod.path("spec").path("initContainers").forEach(c -> {
      if (c.path("restartPolicy").asText().equals("Always")) {
        containers.add(c);
      }
    });
    for (JsonNode c : containers) {
      for (JsonNode port : c.path("ports")) {
        if (port.path("name").asText().equals(name)
            && port.path("protocol").asText("TCP").equals(protocol)) {
          return port.path("containerPort").asInt();
        }
      }
    }
    return null;
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
