package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ResourceType;
import io.plumbline.apiserver.api.Resources;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The garbage collector's part Kubernetes' background propagation needs here, for pods as
 * dependents: each ownerReference, controller or not, is resolved by {@code apiVersion} and
 * {@code kind} to a kind the API server stores ({@link Resources#ALL}: ReplicationControllers,
 * Services, Endpoints, ConfigMaps, Nodes, ...) and is dangling when no object of that kind has its
 * uid (in the pod's namespace, for a namespaced kind). A pod none of whose owners exists any more
 * is deleted; while another owner does, it is kept and loses only its dangling references
 * (Kubernetes' {@code attemptToDeleteItem} with a solid owner). A pod with a reference of a kind
 * the API server does not serve is left untouched, dangling references and all: Kubernetes'
 * {@code isDangling} cannot map it ({@code restMappingError}) and the item is retried, never
 * collected.
 * The API server's cascading delete removes the pods that exist when an owner goes through it;
 * this catches the ones a replication sync created from an older list just before (round 2's
 * orphans), and those whose owner was deleted without a cascade.
 *
 * <p>Pods are listed <em>before</em> their owners' kinds (only the kinds some pod names): an
 * owner is created before any pod naming its uid, so an owner of a listed pod that is missing
 * from a later list was deleted (uids never come back). Listing the other way round, an owner and
 * its first pods created between the two lists would look like orphans. Each delete carries the
 * pod's uid as a precondition, so a pod recreated under the same name is never hit; writes go
 * through the fenced client. A kind whose list fails (a 403: the controller manager's role in
 * {@code up} lists only pods and ReplicationControllers) leaves the pods naming it untouched for
 * that pass.
 */
public final class GarbageCollector {
  private final ApiClient client;

  public GarbageCollector(ApiClient client) {
    this.client = client;
  }

  /** One pass; {@code deleted} counts collected pods. */
  public SyncReport collect() {
    ApiClient.Response pods = client.get("/api/v1/pods");
    if (!pods.ok()) {
      return new SyncReport(0, 0, 0, 0, 1);
    }
    Set<ResourceType> kinds = new LinkedHashSet<>();
    for (JsonNode pod : pods.body().path("items")) {
      for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
        ownerKind(ref).ifPresent(kinds::add);
      }
    }
    Set<String> live = new HashSet<>();
    Set<ResourceType> unread = new HashSet<>();
    int failed = 0;
    for (ResourceType kind : kinds) {
      ApiClient.Response owners = client.get(listPath(kind));
      if (!owners.ok()) {
        // e.g. 403: the pods naming this kind cannot be decided this pass and are left alone
        unread.add(kind);
        failed++;
        continue;
      }
      owners.body().path("items").forEach(o -> live.add(ownerKey(kind,
          Json.text(o, "metadata.namespace"), Json.text(o, "metadata.uid"))));
    }
    int deleted = 0;
    int fenced = 0;
    for (JsonNode pod : pods.body().path("items")) {
      if (!ownerGone(pod, live, unread)) {
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

  /** The stored kind an ownerReference names by {@code apiVersion} and {@code kind}, if any. */
  static Optional<ResourceType> ownerKind(JsonNode ref) {
    String apiVersion = ref.path("apiVersion").asText();
    String kind = ref.path("kind").asText();
    return Resources.ALL.stream()
        .filter(t -> t.kind().equals(kind) && t.apiVersion().equals(apiVersion)).findFirst();
  }

  /**
   * How a live owner is looked up: its uid, within the dependent's namespace for a namespaced
   * kind (Kubernetes looks a namespaced owner up in the dependent's namespace).
   */
  static String ownerKey(ResourceType kind, String namespace, String uid) {
    return kind.plural() + "/" + (kind.namespaced() ? namespace : "") + "/" + uid;
  }

  /**
   * Whether {@code ref}, an ownerReference of {@code pod}, names an owner of a stored kind that
   * does not exist ({@code live} holds {@link #ownerKey}s of every listed owner).
   */
  private static boolean dangling(JsonNode pod, JsonNode ref, Set<String> live) {
    return ownerKind(ref).map(kind -> !live.contains(ownerKey(kind,
        Json.text(pod, "metadata.namespace"), ref.path("uid").asText()))).orElse(false);
  }

  /**
   * Whether any of {@code pod}'s ownerReferences, controller or not, is dangling, and none names
   * a kind the API server does not serve: Kubernetes' collector looks at every owner reference
   * ({@code attemptToDeleteItem} classifies each as solid or dangling), not only the
   * controller's, and gives up on the pod (for now) at one it cannot map. Nor is a pod decided
   * when the list of one of its owners' kinds failed ({@code unread}).
   */
  static boolean ownerGone(JsonNode pod, Set<String> live, Set<ResourceType> unread) {
    boolean gone = false;
    for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
      Optional<ResourceType> kind = ownerKind(ref);
      if (kind.isEmpty() || unread.contains(kind.get())) {
        return false;
      }
      gone |= dangling(pod, ref, live);
    }
    return gone;
  }

  /** The ownerReferences of {@code pod} that are not dangling. */
  static ArrayNode remainingOwners(JsonNode pod, Set<String> live) {
    ArrayNode kept = Json.MAPPER.createArrayNode();
    for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
      if (!dangling(pod, ref, live)) {
        kept.add(ref);
      }
    }
    return kept;
  }

  /** Where every object of {@code kind} is listed. */
  private static String listPath(ResourceType kind) {
    return (kind.group().isEmpty() ? "/api/" : "/apis/" + kind.group() + "/") + kind.version()
        + "/" + kind.plural();
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
