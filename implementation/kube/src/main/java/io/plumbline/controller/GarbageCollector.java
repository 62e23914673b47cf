package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import java.util.HashSet;
import java.util.Set;

/**
 * The garbage collector's part Kubernetes' background propagation needs here: a pod with an
 * ownerReference (controller or not) naming a ReplicationController uid that no longer exists is
 * deleted when none of its owners exists any more; while another owner does, it is kept and loses
 * only its dangling ReplicationController references (Kubernetes' {@code attemptToDeleteItem}
 * with a solid owner).
 * The API server's cascading delete removes the pods that exist when an RC goes; this catches
 * the ones a replication sync created from an older list just before (round 2's orphans).
 *
 * <p>Pods are listed <em>before</em> RCs: an owner is created before any pod naming its uid, so
 * an owner of a listed pod that is missing from the later RC list was deleted (uids never come
 * back). Listing the other way round, an RC and its first pods created between the two lists
 * would look like orphans. Each delete carries the pod's uid as a precondition, so a pod
 * recreated under the same name is never hit; writes go through the fenced client.
 */
public final class GarbageCollector {
  private final ApiClient client;

  public GarbageCollector(ApiClient client) {
    this.client = client;
  }

  /** One pass; {@code deleted} counts collected pods. */
  public SyncReport collect() {
    ApiClient.Response pods = client.get("/api/v1/pods");
    ApiClient.Response rcs = client.get("/api/v1/replicationcontrollers");
    if (!pods.ok() || !rcs.ok()) {
      return new SyncReport(0, 0, 0, 0, 1);
    }
    Set<String> live = new HashSet<>();
    rcs.body().path("items").forEach(rc -> live.add(Json.text(rc, "metadata.uid")));
    int deleted = 0;
    int fenced = 0;
    int failed = 0;
    for (JsonNode pod : pods.body().path("items")) {
      if (!ownerGone(pod, live)) {
        continue;
      }
      ArrayNode kept = remainingOwners(pod, live);
      if (!kept.isEmpty()) {
        // another owner may still exist: Kubernetes' collector keeps the pod and removes only
        // the dangling references (a 409 means the pod changed: the next pass looks again)
        ObjectNode patch = Json.object();
        Json.child(patch, "metadata").put("resourceVersion",
            Json.text(pod, "metadata.resourceVersion")).set("ownerReferences", kept);
        ApiClient.Response r = client.mergePatch(podPath(pod), patch);
        if (ReplicationManager.isFenced(r)) {
          return new SyncReport(0, deleted, 0, fenced + 1, failed);
        }
        failed += !r.ok() && r.code() != 404 && r.code() != 409 ? 1 : 0;
        continue;
      }
      ApiClient.Response r = client.delete(podPath(pod), preconditionUid(pod));
      if (ReplicationManager.isFenced(r)) {
        return new SyncReport(0, deleted, 0, fenced + 1, failed); // deposed: stop at once
      }
      deleted += r.ok() ? 1 : 0;
      // 404: already gone; 409: replaced by a pod of the same name — both leave nothing to do
      failed += !r.ok() && r.code() != 404 && r.code() != 409 ? 1 : 0;
    }
    return new SyncReport(0, deleted, 0, fenced, failed);
  }

  /**
   * Whether any of {@code pod}'s ownerReferences, controller or not, names a
   * ReplicationController whose uid is not live: Kubernetes' collector looks at every owner
   * reference ({@code attemptToDeleteItem} classifies each as solid or dangling), not only the
   * controller's.
   */
  static boolean ownerGone(JsonNode pod, Set<String> liveRcUids) {
    for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
      if (ref.path("kind").asText().equals("ReplicationController")
          && !liveRcUids.contains(ref.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The ownerReferences of {@code pod} not known to be dangling: all but those naming a
   * ReplicationController whose uid is not live. Owners of other kinds are not listed here and
   * are taken to exist (the API server's cascade removes pods whose owners of those kinds go).
   */
  static ArrayNode remainingOwners(JsonNode pod, Set<String> liveRcUids) {
    ArrayNode kept = Json.MAPPER.createArrayNode();
    for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
      boolean dangling = ref.path("kind").asText().equals("ReplicationController")
          && !liveRcUids.contains(ref.path("uid").asText());
      if (!dangling) {
        kept.add(ref);
      }
    }
    return kept;
  }

  private static String podPath(JsonNode pod) {
    return "/api/v1/namespaces/" + Json.text(pod, "metadata.namespace") + "/pods/"
        + Json.text(pod, "metadata.name");
  }

  private static ObjectNode preconditionUid(JsonNode pod) {
    var options = Json.object().put("propagationPolicy", "Background");
    options.putObject("preconditions").put("uid", Json.text(pod, "metadata.uid"));
    return options;
  }
}
