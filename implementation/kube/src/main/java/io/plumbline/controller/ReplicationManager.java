package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.OwnerReferences;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The replication controller loop: for each RC, claim its pods as Kubernetes does (keep, release,
 * adopt: {@link PodClaims}), then create or delete pods until exactly {@code spec.replicas}
 * active claimed pods exist, and record the counts in the RC's status ({@link ReplicaStatus}).
 * Pods are owned through a controller ownerReference (so deleting the RC deletes them). Surplus
 * pods go unscheduled first, then not-ready, then newest, as Kubernetes ranks them. Releases and
 * adoptions are merge patches conditional on the pod's resourceVersion, so a pod changed since
 * the list is left for the next sync.
 */
public final class ReplicationManager {
  /** At most this many pods are created or deleted per RC per sync (Kubernetes' burst is 500). */
  static final int BURST = 100;

  private final ApiClient client;
  private final Clock clock;
  private final ControllerEvents events;

  public ReplicationManager(ApiClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.events = new ControllerEvents(client, clock, "replication-controller");
  }

  /** One pass over every RC; reads are unfenced, every write is fenced by the client. */
  public SyncReport sync() {
    ApiClient.Response rcs = client.get("/api/v1/replicationcontrollers");
    ApiClient.Response pods = client.get("/api/v1/pods");
    if (!rcs.ok() || !pods.ok()) {
      return new SyncReport(0, 0, 0, 0, 1);
    }
    SyncReport report = SyncReport.NOTHING;
    for (JsonNode rc : rcs.body().path("items")) {
      report = report.plus(syncOne(rc, pods.body().path("items")));
      if (report.fenced() > 0) {
        return report;
      }
    }
    return report;
  }

  private SyncReport syncOne(JsonNode rc, JsonNode pods) {
    if (!Json.text(rc, "metadata.deletionTimestamp").isEmpty()) {
      // being deleted (an orphaning delete marks it first): as Kubernetes, neither claim, nor
      // scale, nor report on its pods
      return SyncReport.NOTHING;
    }
    PodClaims claims = PodClaims.of(rc, pods);
    Writes writes = new Writes();
    for (JsonNode pod : claims.release()) {
      writes.count(setControllerRef(pod, OwnerReferences.without(
          ((ObjectNode) pod).deepCopy(), Json.text(rc, "metadata.uid"))), true);
    }
    List<JsonNode> claimed = new ArrayList<>(claims.kept());
    if (!claims.adopt().isEmpty() && writes.fenced == 0 && stillExists(rc)) {
      for (JsonNode pod : claims.adopt()) {
        ApiClient.Response r = setControllerRef(pod, withControllerRef(pod, rc));
        writes.count(r, true);
        if (r.ok()) {
          claimed.add(r.body());
        }
      }
    }
    // as Kubernetes' syncReplicaSet: a claim that failed (a pod changed since the list) ends this
    // RC's sync, since counting without it would make a pod too many or too few
    boolean claimsSettled = writes.fenced == 0 && writes.failed == 0;
    List<JsonNode> active = claimed.stream().filter(ReplicaStatus::isActive).toList();
    if (claimsSettled) {
      scale(rc, active, writes);
    }
    int statusUpdates = 0;
    if (claimsSettled && writes.fenced == 0) {
      ApiClient.Response s = updateStatus(rc, active);
      statusUpdates = s != null && s.ok() ? 1 : 0;
      writes.fenced += s != null && isFenced(s) ? 1 : 0;
    }
    return new SyncReport(writes.created, writes.deleted, statusUpdates, writes.fenced,
        writes.failed);
  }

  /** Creates or deletes pods so that {@code spec.replicas} active claimed pods exist. */
  private void scale(JsonNode rc, List<JsonNode> active, Writes writes) {
    int want = rc.path("spec").path("replicas").asInt(0);
    String ns = Json.text(rc, "metadata.namespace");
    for (int i = active.size(); i < want && i - active.size() < BURST; i++) {
      ApiClient.Response r = client.create("/api/v1/namespaces/" + ns + "/pods", podFor(rc));
      writes.created += r.ok() ? 1 : 0;
      writes.count(r, false);
      if (r.ok()) {
        events.normal(rc, "SuccessfulCreate", "Created pod: " + Json.text(r.body(),
            "metadata.name"));
      }
    }
    List<JsonNode> victims = new ArrayList<>(active);
    victims.sort(DELETION_ORDER);
    for (int i = 0; i < active.size() - want && i < BURST; i++) {
      ApiClient.Response r = client.delete("/api/v1/namespaces/" + ns + "/pods/"
          + Json.text(victims.get(i), "metadata.name"), Json.object());
      writes.deleted += r.ok() ? 1 : 0;
      writes.count(r, true);
      if (r.ok()) {
        events.normal(rc, "SuccessfulDelete", "Deleted pod: " + Json.text(victims.get(i),
            "metadata.name"));
      }
    }
  }

  /** What one RC's writes came to. */
  private static final class Writes {
    int created;
    int deleted;
    int fenced;
    int failed;

    void count(ApiClient.Response r, boolean goneIsFine) {
      fenced += isFenced(r) ? 1 : 0;
      failed += !r.ok() && !isFenced(r) && !(goneIsFine && r.code() == 404) ? 1 : 0;
    }
  }

  /**
   * Kubernetes re-reads the RC before adopting ({@code RecheckDeletionTimestamp}), so that an RC
   * deleted since the list never takes pods: adopt only if the same RC (uid) is still there.
   */
  private boolean stillExists(JsonNode rc) {
    ApiClient.Response fresh = client.get("/api/v1/namespaces/" + Json.text(rc,
        "metadata.namespace") + "/replicationcontrollers/" + Json.text(rc, "metadata.name"));
    return fresh.ok() && Json.text(fresh.body(), "metadata.uid")
        .equals(Json.text(rc, "metadata.uid"))
        && Json.text(fresh.body(), "metadata.deletionTimestamp").isEmpty();
  }

  /**
   * Writes {@code changed}'s ownerReferences to {@code pod} with a merge patch whose
   * resourceVersion is a precondition (a pod changed meanwhile answers 409 and waits).
   */
  private ApiClient.Response setControllerRef(JsonNode pod, JsonNode changed) {
    ObjectNode patch = Json.object();
    ObjectNode meta = patch.putObject("metadata")
        .put("resourceVersion", Json.text(pod, "metadata.resourceVersion"));
    JsonNode refs = changed.path("metadata").path("ownerReferences");
    meta.set("ownerReferences", refs.isMissingNode() ? meta.nullNode() : refs.deepCopy());
    return client.mergePatch("/api/v1/namespaces/" + Json.text(pod, "metadata.namespace")
        + "/pods/" + Json.text(pod, "metadata.name"), patch);
  }

  private static ObjectNode withControllerRef(JsonNode pod, JsonNode rc) {
    ObjectNode copy = ((ObjectNode) pod).deepCopy();
    ObjectNode meta = Json.child(copy, "metadata");
    ArrayNode refs = meta.path("ownerReferences").isArray()
        ? (ArrayNode) meta.get("ownerReferences") : meta.putArray("ownerReferences");
    refs.add(controllerRef(rc));
    return copy;
  }

  private static ObjectNode controllerRef(JsonNode rc) {
    return Json.object().put("apiVersion", "v1").put("kind", "ReplicationController")
        .put("name", Json.text(rc, "metadata.name")).put("uid", Json.text(rc, "metadata.uid"))
        .put("controller", true).put("blockOwnerDeletion", true);
  }

  /** Not scheduled first, then not ready, then the newest (highest resourceVersion). */
  static final Comparator<JsonNode> DELETION_ORDER = Comparator
      .comparing((JsonNode p) -> !Json.text(p, "spec.nodeName").isEmpty())
      .thenComparing(p -> "Running".equals(Json.text(p, "status.phase")))
      .thenComparing(p -> -Long.parseLong(Json.text(p, "metadata.resourceVersion")));

  private ApiClient.Response updateStatus(JsonNode rc, List<JsonNode> active) {
    ObjectNode status = ReplicaStatus.of(rc, active, clock.instant());
    if (status.equals(rc.path("status"))) {
      return null;
    }
    ObjectNode patch = Json.object();
    patch.set("status", status);
    return client.mergePatch("/api/v1/namespaces/" + Json.text(rc, "metadata.namespace")
        + "/replicationcontrollers/" + Json.text(rc, "metadata.name") + "/status", patch);
  }

  private static ObjectNode podFor(JsonNode rc) {
    JsonNode template = rc.path("spec").path("template");
    ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata")
        .put("generateName", Json.text(rc, "metadata.name") + "-");
    meta.set("labels", template.path("metadata").path("labels").deepCopy());
    meta.putArray("ownerReferences").add(controllerRef(rc));
    pod.set("spec", template.path("spec").deepCopy());
    return pod;
  }

  /** The API server's answer to a write from a stale lease generation. */
  static boolean isFenced(ApiClient.Response r) {
    return ApiError.isFencedOff(r.code(), r.body().path("message").asText());
  }
}
