package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scheduling policy, the one place it is written: a pending pod goes to the schedulable
 * (Ready) node running the fewest pods (finished ones do not count), ties broken by node name.
 * Pure: built from one list of nodes and pods; {@link #placed} counts a binding that succeeded,
 * so the next choice sees it.
 * Both the in-process {@link Scheduler} and the external {@code controller.KubeScheduler} use it.
 */
public final class Placement {
  private final Map<String, JsonNode> nodes = new TreeMap<>();
  private final Map<String, Integer> load = new HashMap<>();

  private Placement() {}

  /** From the {@code items} of a node list and a pod list. */
  public static Placement of(Iterable<JsonNode> nodeItems, Iterable<JsonNode> podItems) {
    Placement p = new Placement();
    for (JsonNode n : nodeItems) {
      p.nodes.put(Json.text(n, "metadata.name"), n);
    }
    for (JsonNode pod : podItems) {
      String phase = Json.text(pod, "status.phase");
      // as kube-scheduler's pod informer (status.phase!=Succeeded,status.phase!=Failed)
      if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
        p.load.merge(Json.text(pod, "spec.nodeName"), 1, Integer::sum);
      }
    }
    return p;
  }

  /** A pod that waits for a node: none assigned and not being deleted. */
  public static boolean pending(JsonNode pod) {
    return Json.text(pod, "spec.nodeName").isEmpty()
        && Json.text(pod, "metadata.deletionTimestamp").isEmpty();
  }

  /** The node for the next pending pod, or null when no node is schedulable. */
  public String choose() {
    String best = null;
    for (Map.Entry<String, JsonNode> n : nodes.entrySet()) {
      if (PodConditions.schedulable(n.getValue())
          && (best == null || load.getOrDefault(n.getKey(), 0) < load.getOrDefault(best, 0))) {
        best = n.getKey();
      }
    }
    return best;
  }

  /** A pod was bound to {@code nodeName}. */
  public void placed(String nodeName) {
    load.merge(nodeName, 1, Integer::sum);
  }

  /** The listed node of that name, or null. */
  public JsonNode node(String name) {
    return nodes.get(name);
  }
}
