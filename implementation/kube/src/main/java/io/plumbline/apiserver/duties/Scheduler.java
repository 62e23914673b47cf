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
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.random.RandomGenerator;

/**
 * Plays the kubelet's part this control plane has no real kubelet for: a pod bound to a node (by
 * a scheduler or by its author) gets a pod IP and is Running and Ready while its node is Ready;
 * when its node stops being Ready, so does the pod. With {@code bind} it is also the in-process
 * scheduler: it binds each pending pod where {@link Placement} says by setting {@code spec.nodeName}
 * (embedded test API servers use this); without, pods wait for an external scheduler
 * ({@code controller.KubeScheduler}, same {@link Placement}) to bind them through
 * {@code pods/binding}. Every write is a compare-and-swap, so several API servers running this at
 * once never bind a pod twice.
 */
public final class Scheduler implements Runnable {
  private final ObjectService objects;
  private final Clock clock;
  private final RandomGenerator random;
  private final boolean bind;

  public Scheduler(ObjectService objects, Clock clock, RandomGenerator random, boolean bind) {
    this.objects = objects;
    this.clock = clock;
    this.random = random;
    this.bind = bind;
  }

  @Override
  public void run() {
    JsonNode nodes = objects.list(Resources.NODES, null, LabelSelector.EVERYTHING,
        FieldSelector.EVERYTHING).get("items");
    JsonNode pods = objects.list(Resources.PODS, null, LabelSelector.EVERYTHING,
        FieldSelector.EVERYTHING).get("items");
    Placement placement = Placement.of(nodes, pods);
    for (JsonNode pod : pods) {
      JsonNode node = placement.node(Json.text(pod, "spec.nodeName"));
      if (Placement.pending(pod)) {
        String chosen = bind ? placement.choose() : null;
        if (chosen != null
            && write(pod, p -> start(bind(p, chosen), placement.node(chosen)))) {
          placement.placed(chosen);
        }
      } else if (node != null && Json.text(pod, "status.podIP").isEmpty()) {
        write(pod, p -> start(p, node));
      } else if (node != null
          && PodConditions.isTrue(pod, "Ready") != PodConditions.isTrue(node, "Ready")) {
        write(pod, p -> setReady(p, PodConditions.isTrue(node, "Ready")));
      }
    }
  }

  /** One conditional write of a pod; losing a race or a vanished pod is not an error here. */
  private boolean write(JsonNode pod, java.util.function.UnaryOperator<ObjectNode> change) {
    try {
      objects.mutate(Resources.PODS, Json.text(pod, "metadata.namespace"),
          Json.text(pod, "metadata.name"), Json.text(pod, "metadata.resourceVersion"), change,
          WriteFence.NONE);
      return true;
    } catch (ApiError conflictOrGone) {
      return false;
    }
  }

  private static ObjectNode bind(ObjectNode pod, String nodeName) {
    Json.child(pod, "spec").put("nodeName", nodeName);
    return pod;
  }

  /** What a kubelet would report for a pod it started on {@code node}. */
  private ObjectNode start(ObjectNode pod, JsonNode node) {
    ObjectNode status = Json.child(pod, "status");
    status.put("hostIP", internalIp(node));
    String podIp = "10.244." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    status.put("podIP", podIp);
    status.putArray("podIPs").addObject().put("ip", podIp);
    status.put("startTime", now());
    return setReady(pod, PodConditions.isTrue(node, "Ready"));
  }

  private ObjectNode setReady(ObjectNode pod, boolean ready) {
    ObjectNode status = Json.child(pod, "status");
    status.put("phase", ready ? "Running" : "Pending");
    ArrayNode conditions = status.putArray("conditions");
    conditions.addObject().put("type", "PodScheduled").put("status", "True")
        .put("lastTransitionTime", now());
    conditions.addObject().put("type", "Ready").put("status", ready ? "True" : "False")
        .put("lastTransitionTime", now());
    return pod;
  }

  private static String internalIp(JsonNode node) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if (a.path("type").asText().equals("InternalIP")) {
        return a.path("address").asText();
      }
    }
    return "";
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
