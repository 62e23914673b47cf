package io.plumbline.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;

/**
 * Registers Ready nodes {@code node-1..node-N}: this control plane has no kubelets, so nodes are
 * objects the scheduler can bind pods to. Idempotent: nodes that exist are left as they are.
 */
public final class SimulatedNodes {
  private SimulatedNodes() {}

  public static void register(ObjectService objects, int count) {
    for (int i = 1; i <= count; i++) {
      try {
        objects.create(Resources.NODES, null, node(i), WriteFence.NONE);
      } catch (ApiError e) {
        if (e.code() != 409) {
          throw e;
        }
      }
    }
  }

  static ObjectNode node(int i) {
    ObjectNode node = Json.object();
    node.putObject("metadata").put("name", "node-" + i).putObject("labels")
        .put("kubernetes.io/hostname", "node-" + i);
    ObjectNode status = node.putObject("status");
    status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
        .put("reason", "KubeletReady").put("message", "simulated node");
    status.putArray("addresses").addObject().put("type", "InternalIP")
        .put("address", "10.0.0." + i);
    status.putObject("capacity").put("pods", "110").put("cpu", "2").put("memory", "4Gi");
    return node;
  }
}
