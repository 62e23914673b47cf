package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Conditions;
import io.plumbline.apiserver.api.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The replication controller loop: for each RC, create or delete pods until exactly
 * {@code spec.replicas} pods it owns exist, then record what it saw in the RC's status. Pods are
 * owned through a controller ownerReference (so deleting the RC deletes them). Surplus pods go
 * unscheduled first, then not-ready, then newest, as Kubernetes ranks them.
 */
public final class ReplicationManager {
  /** At most this many pods are created or deleted per RC per sync (Kubernetes' burst is 500). */
  static final int BURST = 100;

  private final ApiClient client;

  public ReplicationManager(ApiClient client) {
    this.client = client;
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
      report = report.plus(syncOne(rc, owned(rc, pods.body().path("items"))));
      if (report.fenced() > 0) {
        return report;
      }
    }
    return report;
  }

  private SyncReport syncOne(JsonNode rc, List<JsonNode> owned) {
    int want = rc.path("spec").path("replicas").asInt(0);
    int created = 0;
    int deleted = 0;
    int fenced = 0;
    int failed = 0;
    String ns = Json.text(rc, "metadata.namespace");
    for (int i = owned.size(); i < want && i - owned.size() < BURST; i++) {
      ApiClient.Response r = client.create("/api/v1/namespaces/" + ns + "/pods", podFor(rc));
      created += r.ok() ? 1 : 0;
      fenced += isFenced(r) ? 1 : 0;
      failed += !r.ok() && !isFenced(r) ? 1 : 0;
    }
    List<JsonNode> victims = new ArrayList<>(owned);
    victims.sort(DELETION_ORDER);
    for (int i = 0; i < owned.size() - want && i < BURST; i++) {
      ApiClient.Response r = client.delete("/api/v1/namespaces/" + ns + "/pods/"
          + Json.text(victims.get(i), "metadata.name"), Json.object());
      deleted += r.ok() ? 1 : 0;
      fenced += isFenced(r) ? 1 : 0;
      failed += !r.ok() && !isFenced(r) && r.code() != 404 ? 1 : 0;
    }
    int statusUpdates = 0;
    if (fenced == 0) {
      ApiClient.Response s = updateStatus(rc, owned);
      statusUpdates = s != null && s.ok() ? 1 : 0;
      fenced += s != null && isFenced(s) ? 1 : 0;
    }
    return new SyncReport(created, deleted, statusUpdates, fenced, failed);
  }

  /** Not scheduled first, then not ready, then the newest (highest resourceVersion). */
  private static final Comparator<JsonNode> DELETION_ORDER = Comparator
      .comparing((JsonNode p) -> !Json.text(p, "spec.nodeName").isEmpty())
      .thenComparing(p -> "Running".equals(Json.text(p, "status.phase")))
      .thenComparing(p -> -Long.parseLong(Json.text(p, "metadata.resourceVersion")));

  private ApiClient.Response updateStatus(JsonNode rc, List<JsonNode> owned) {
    long ready = owned.stream().filter(ReplicationManager::isReady).count();
    ObjectNode status = Json.object().put("replicas", owned.size())
        .put("fullyLabeledReplicas", owned.size()).put("readyReplicas", ready)
        .put("availableReplicas", ready)
        .put("observedGeneration", rc.path("metadata").path("generation").asLong(1));
    if (status.equals(rc.path("status"))) {
      return null;
    }
    ObjectNode patch = Json.object();
    patch.set("status", status);
    return client.mergePatch("/api/v1/namespaces/" + Json.text(rc, "metadata.namespace")
        + "/replicationcontrollers/" + Json.text(rc, "metadata.name") + "/status", patch);
  }

  static List<JsonNode> owned(JsonNode rc, JsonNode pods) {
    String uid = Json.text(rc, "metadata.uid");
    List<JsonNode> owned = new ArrayList<>();
    for (JsonNode pod : pods) {
      for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
        if (ref.path("uid").asText().equals(uid) && ref.path("controller").asBoolean(false)) {
          owned.add(pod);
        }
      }
    }
    return owned;
  }

  private static ObjectNode podFor(JsonNode rc) {
    JsonNode template = rc.path("spec").path("template");
    ObjectNode pod = Json.object().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata")
        .put("generateName", Json.text(rc, "metadata.name") + "-");
    meta.set("labels", template.path("metadata").path("labels").deepCopy());
    meta.putArray("ownerReferences").addObject().put("apiVersion", "v1")
        .put("kind", "ReplicationController").put("name", Json.text(rc, "metadata.name"))
        .put("uid", Json.text(rc, "metadata.uid")).put("controller", true)
        .put("blockOwnerDeletion", true);
    pod.set("spec", template.path("spec").deepCopy());
    return pod;
  }

  private static boolean isReady(JsonNode pod) {
    return Conditions.isTrue(pod, "Ready");
  }

  /** The API server's answer to a write from a stale lease generation. */
  static boolean isFenced(ApiClient.Response r) {
    return r.code() == 409 && r.body().path("message").asText().startsWith("write fenced off");
  }
}
