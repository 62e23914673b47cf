package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.FieldSelector;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LabelSelector;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The kubelet's node heartbeat, for the simulated nodes (there are no kubelets): each node whose
 * Ready condition is True has a coordination.k8s.io/v1 Lease of its own name in
 * {@code kube-node-lease} (holder = the node, 40 s, owned by the Node), whose {@code renewTime}
 * is renewed on every run. A node made NotReady stops being renewed, as a dead kubelet's lease
 * does. {@code kubectl describe node} shows the lease. Writes are compare-and-swap; a lost race
 * with another API server is left to the next run.
 */
public final class NodeHeartbeats implements Runnable {
  static final String NAMESPACE = "kube-node-lease";
  private static final int LEASE_DURATION_SECONDS = 40;
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectService objects;
  private final Clock clock;

  public NodeHeartbeats(ObjectService objects, Clock clock) {
    this.objects = objects;
    this.clock = clock;
  }

  @Override
  public void run() {
    String now = MICRO_TIME.format(clock.instant());
    for (JsonNode node : objects.list(Resources.NODES, null, LabelSelector.EVERYTHING,
        FieldSelector.EVERYTHING).get("items")) {
      if (PodConditions.isTrue(node, "Ready")) {
        renew(node, now);
      }
    }
  }

  private void renew(JsonNode node, String now) {
    String name = Json.text(node, "metadata.name");
    try {
      objects.find(Resources.LEASES, NAMESPACE, name).ifPresentOrElse(
          lease -> objects.mutate(Resources.LEASES, NAMESPACE, name,
              Json.text(lease, "metadata.resourceVersion"), l -> {
                Json.child(l, "spec").put("renewTime", now);
                return l;
              }, WriteFence.NONE),
          () -> objects.create(Resources.LEASES, NAMESPACE, lease(node, now), WriteFence.NONE));
    } catch (ApiError e) {
      if (e.code() != 409 && e.code() != 404) {
        throw e;
      }
    }
  }

  private static ObjectNode lease(JsonNode node, String now) {
    ObjectNode lease = Json.object();
    ObjectNode meta = lease.putObject("metadata").put("name", Json.text(node, "metadata.name"));
    meta.putArray("ownerReferences").addObject().put("apiVersion", "v1").put("kind", "Node")
        .put("name", Json.text(node, "metadata.name")).put("uid", Json.text(node, "metadata.uid"));
    lease.putObject("spec").put("holderIdentity", Json.text(node, "metadata.name"))
        .put("leaseDurationSeconds", LEASE_DURATION_SECONDS).put("renewTime", now);
    return lease;
  }
}
