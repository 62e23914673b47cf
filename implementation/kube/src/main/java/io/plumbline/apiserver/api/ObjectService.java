package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.store.DryRunStore;
import io.plumbline.apiserver.store.ListPage;
import io.plumbline.apiserver.store.ListResult;
import io.plumbline.apiserver.store.RevisionUnavailable;
import io.plumbline.apiserver.store.ObjectStore;
import io.plumbline.apiserver.store.StoreFailure;
import io.plumbline.apiserver.store.StoredValue;
import io.plumbline.apiserver.store.WriteResult;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The API server's semantics, free of HTTP: create, get, list, update, patch and delete of
 * Kubernetes-style objects, with optimistic concurrency on the store's mod revisions. Clock and
 * randomness are injected so the same code runs under a deterministic simulation.
 */
public final class ObjectService {
  /** How often an unconditional write retries after losing a race with another writer. */
  private static final int MAX_ATTEMPTS = 8;
  private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final ObjectStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final boolean dryRun;

  public ObjectService(ObjectStore store, Clock clock, RandomGenerator random) {
    this(store, clock, random, false);
  }

  private ObjectService(ObjectStore store, Clock clock, RandomGenerator random, boolean dryRun) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.dryRun = dryRun;
  }

  /**
   * This service as {@code dryRun=All} requests see it: the same defaults, validation, admission
   * and cascades, over a {@link DryRunStore} that checks every write and makes none. Each call
   * answers what the real request would have returned.
   */
  public ObjectService dryRun() {
    return dryRun ? this : new ObjectService(new DryRunStore(store), clock, random, true);
  }

  public ObjectStore store() {
    return store;
  }

  /** The server's current time, from its injected clock (ages in printed tables). */
  public java.time.Instant now() {
    return clock.instant();
  }

  /**
   * Creates what every Kubernetes cluster has when it does not exist yet: the namespaces
   * {@code default}, {@code kube-system}, {@code kube-public} and {@code kube-node-lease}, and
   * the {@code kubernetes} Service in {@code default} (ClusterIP 10.96.0.1, port 443, no
   * selector), as kube-apiserver's bootstrap controller makes them. Each create is sent again
   * when the store gives no answer ({@link StoreFailure}: indefinite,
   * common on a loaded machine while the store is fresh), up to {@link #BOOTSTRAP_ATTEMPTS} times:
   * create-if-absent is idempotent, and an earlier attempt that landed late shows as a 409.
   */
  public void bootstrapNamespaces() {
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      ObjectNode body = Json.object();
      body.putObject("metadata").put("name", ns);
      createIfAbsent(Resources.NAMESPACES, null, body);
    }
    ObjectNode service = Json.object();
    service.putObject("metadata").put("name", "kubernetes").putObject("labels")
        .put("component", "apiserver").put("provider", "kubernetes");
    ObjectNode spec = service.putObject("spec").put("clusterIP", "10.96.0.1");
    spec.putArray("clusterIPs").add("10.96.0.1");
    spec.putArray("ports").addObject().put("name", "https").put("port", 443)
        .put("protocol", "TCP").put("targetPort", 6443);
    createIfAbsent(Resources.SERVICES, "default", service);
  }

  /** Sends of one bootstrap create before the store's silence fails the API server's start. */
  static final int BOOTSTRAP_ATTEMPTS = 3;

  private void createIfAbsent(ResourceType type, String namespace, ObjectNode body) {
    for (int attempt = 1; ; attempt++) {
      try {
        create(type, namespace, body, WriteFence.NONE);
        return;
      } catch (ApiError e) {
        if (e.code() != 409) {
          throw e;
        }
        return;
      } catch (StoreFailure e) {
        if (attempt == BOOTSTRAP_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  public ObjectNode create(ResourceType type, String namespace, ObjectNode body,
      WriteFence fence) {
    checkIdentity(type, namespace, null, body);
    ObjectNode object = ObjectCodec.typed(type, body.deepCopy());
    ObjectNode meta = Json.child(object, "metadata");
    if (type.namespaced()) {
      meta.put("namespace", namespace);
      requireNamespace(namespace);
    }
    meta.remove(List.of("resourceVersion", "deletionTimestamp", "selfLink"));
    meta.put("uid", uid());
    meta.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    meta.put("generation", 1);
    Defaults.apply(type, object, type == Resources.SERVICES ? clusterIp() : null);
    boolean generated = !meta.has("name") && meta.has("generateName");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (generated) {
        meta.put("name", meta.get("generateName").asText() + suffix());
      }
      Validation.check(type, object);
      String name = meta.get("name").asText();
      WriteResult result = store.create(type.key(namespace, name), ObjectCodec.encode(object),
          fence.guards());
      if (result instanceof WriteResult.Committed c) {
        fence.committed(c.revision());
        // a dry-run create has no resourceVersion yet, as in kube-apiserver
        return dryRun ? object : ObjectCodec.withResourceVersion(object, c.revision());
      }
      if (result instanceof WriteResult.GuardFailed) {
        continue;
      }
      if (!generated) {
        throw ApiError.alreadyExists(type, name);
      }
    }
    throw generated ? ApiError.alreadyExists(type, meta.path("generateName").asText() + "*")
        : ApiError.conflict(type, meta.path("name").asText(), "the writer's fence kept moving");
  }

  public ObjectNode get(ResourceType type, String namespace, String name) {
    StoredValue stored = store.get(type.key(namespace, name))
        .orElseThrow(() -> ApiError.notFound(type, name));
    return ObjectCodec.decode(stored);
  }

  public Optional<ObjectNode> find(ResourceType type, String namespace, String name) {
    return store.get(type.key(namespace, name)).map(ObjectCodec::decode);
  }

  /** A {@code <Kind>List} of the matching objects; its resourceVersion is the read revision. */
  public ObjectNode list(ResourceType type, String namespace, LabelSelector labels,
      FieldSelector fields) {
    ListResult read = store.list(type.prefix(namespace));
    ObjectNode list = Json.object().put("kind", type.kind() + "List")
        .put("apiVersion", type.apiVersion());
    list.putObject("metadata").put("resourceVersion", Long.toString(read.revision()));
    ArrayNode items = list.putArray("items");
    for (StoredValue v : read.items()) {
      ObjectNode o = ObjectCodec.decode(v);
      if (labels.matches(o) && fields.matches(o)) {
        items.add(o);
      }
    }
    return list;
  }

  /**
   * A {@code <Kind>List} paged and versioned as kube-apiserver pages it: every page of one list is
   * read at one store revision (carried in the continue token); with selectors a page may hold
   * fewer than {@code limit} items and still continue. A compacted revision is 410 Expired; a
   * revision the store has not reached is 504 Timeout ("Too large resource version").
   */
  public ObjectNode list(ResourceType type, String namespace, LabelSelector labels,
      FieldSelector fields, ListOptions options) {
    String prefix = type.prefix(namespace);
    long at = options.continueToken() != null ? options.continueToken().revision()
        : options.exact() ? options.resourceVersion() : 0;
    String from = options.continueToken() != null ? prefix + options.continueToken().start()
        : prefix;
    ArrayNode items = Json.MAPPER.createArrayNode();
    String next = null;
    try {
      while (true) {
        int want = options.limit() == 0 ? 0 : options.limit() - items.size();
        ListPage page = store.listPage(prefix, from, at, want);
        at = at == 0 ? page.revision() : at;
        for (StoredValue v : page.items()) {
          ObjectNode o = ObjectCodec.decode(v);
          if (labels.matches(o) && fields.matches(o)) {
            items.add(o);
          }
        }
        if (!page.more() || page.items().isEmpty()) {
          break;
        }
        from = page.items().get(page.items().size() - 1).key() + "\0";
        if (items.size() >= options.limit()) {
          next = new ContinueToken(at, from.substring(prefix.length())).encode();
          break;
        }
      }
    } catch (RevisionUnavailable e) {
      throw e.compacted() ? ApiError.expired(options.continueToken() != null
          ? "The provided continue parameter is too old to display a consistent list result. "
              + "You can start a new list without the continue parameter."
          : "The resourceVersion for the provided list is too old.")
          : ApiError.timeout("Too large resource version: " + at + ", current: " + e.getMessage());
    }
    if (options.resourceVersion() > at) {
      throw ApiError.timeout("Too large resource version: " + options.resourceVersion()
          + ", current: " + at);
    }
    ObjectNode list = Json.object().put("kind", type.kind() + "List")
        .put("apiVersion", type.apiVersion());
    ObjectNode meta = list.putObject("metadata").put("resourceVersion", Long.toString(at));
    if (next != null) {
      meta.put("continue", next);
    }
    list.set("items", items);
    return list;
  }

  /** PUT: replaces the object (or its status); a resourceVersion in the body is a precondition. */
  public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode body,
      Part part, WriteFence fence) {
    checkIdentity(type, namespace, name, body);
    String precondition = Json.text(body, "metadata.resourceVersion");
    String bodyUid = Json.text(body, "metadata.uid");
    return mutate(type, namespace, name, precondition, current -> {
      // kube-apiserver takes a uid in a PUT body as a precondition (defaultUpdatedObjectInfo)
      String uid = Json.text(current, "metadata.uid");
      if (!bodyUid.isEmpty() && !bodyUid.equals(uid)) {
        throw uidPreconditionFailed(type, name, bodyUid, uid);
      }
      return keepDeletionTimestamp(type, name, current,
          keepClusterIp(type, current, restrict(type, part, current, body.deepCopy())));
    }, fence);
  }

  /** PATCH: merge or strategic-merge patch; a resourceVersion in the patch is a precondition. */
  public ObjectNode patch(ResourceType type, String namespace, String name, PatchType patchType,
      JsonNode patch, Part part, WriteFence fence) {
    String precondition = Json.text(patch, "metadata.resourceVersion");
    return mutate(type, namespace, name, precondition, current -> {
      ObjectNode patched = (ObjectNode) patchType.apply(current, patch);
      // a patch carries no precondition: a changed uid is an immutable field (422), as
      // ValidateObjectMetaUpdate finds it; a removed one is the current one again
      String uid = Json.text(current, "metadata.uid");
      String patchedUid = Json.text(patched, "metadata.uid");
      if (!patchedUid.isEmpty() && !patchedUid.equals(uid)) {
        throw ApiError.invalid(type, name, List.of(new ApiError.Cause("metadata.uid",
            "FieldValueInvalid", "Invalid value: \"" + patchedUid + "\": field is immutable")));
      }
      return keepDeletionTimestamp(type, name, current,
          keepClusterIp(type, current, restrict(type, part, current, patched)));
    }, fence);
  }

  /**
   * A service keeps the cluster IP it was given when an update or patch leaves it out
   * ({@code kubectl replace} of a file without one), as kube-apiserver's
   * {@code patchAllocatedValues} copies it (and {@code clusterIPs}) from the stored object.
   */
  private static ObjectNode keepClusterIp(ResourceType type, ObjectNode current,
      ObjectNode next) {
    JsonNode was = current.path("spec").get("clusterIP");
    if (type == Resources.SERVICES && was != null && Json.text(next, "spec.clusterIP").isEmpty()) {
      ObjectNode spec = Json.child(next, "spec");
      spec.set("clusterIP", was);
      if (current.path("spec").has("clusterIPs")) {
        spec.set("clusterIPs", current.path("spec").get("clusterIPs"));
      }
    }
    return next;
  }

  /**
   * A client's update or patch never sets, moves or clears {@code metadata.deletionTimestamp},
   * as kube-apiserver rules it: once set, the stored value is kept whatever the body says
   * ({@code rest.BeforeUpdate}: "an update can never remove/change a deletion timestamp"); on an
   * object not being deleted, a body that sets one is 422 "field is immutable"
   * ({@code ValidateObjectMetaUpdate}). Only a delete marks an object (here an {@code Orphan}
   * delete, {@link #markDeleting}).
   */
  private static ObjectNode keepDeletionTimestamp(ResourceType type, String name,
      ObjectNode current, ObjectNode next) {
    JsonNode was = current.path("metadata").get("deletionTimestamp");
    ObjectNode meta = Json.child(next, "metadata");
    if (was != null) {
      meta.set("deletionTimestamp", was);
    } else if (meta.has("deletionTimestamp") && !meta.get("deletionTimestamp").isNull()) {
      throw ApiError.invalid(type, name, List.of(new ApiError.Cause(
          "metadata.deletionTimestamp", "FieldValueInvalid", "Invalid value: "
          + meta.get("deletionTimestamp") + ": field is immutable")));
    } else {
      meta.remove("deletionTimestamp");
    }
    return next;
  }

  /**
   * Reads, changes and conditionally writes one object. Without a precondition a lost race is
   * retried on the fresh value; with one it is a 409 Conflict.
   */
  public ObjectNode mutate(ResourceType type, String namespace, String name, String precondition,
      UnaryOperator<ObjectNode> change, WriteFence fence) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ObjectNode current = get(type, namespace, name);
      long revision = Long.parseLong(Json.text(current, "metadata.resourceVersion"));
      if (!precondition.isEmpty() && !precondition.equals(Long.toString(revision))) {
        throw staleVersion(type, name);
      }
      ObjectNode next = keepIdentity(type, current, change.apply(current.deepCopy()));
      if (next.equals(current)) {
        return current;
      }
      Defaults.apply(type, next, null);
      Validation.check(type, next);
      bumpGeneration(current, next);
      WriteResult result = store.update(type.key(namespace, name), ObjectCodec.encode(next),
          revision, fence.guards());
      if (result instanceof WriteResult.Committed c) {
        fence.committed(c.revision());
        return ObjectCodec.withResourceVersion(next, c.revision());
      }
      if (result instanceof WriteResult.PreconditionFailed && !precondition.isEmpty()) {
        throw staleVersion(type, name);
      }
    }
    throw ApiError.conflict(type, name, "too many concurrent writers; try again");
  }

  /**
   * DELETE: removes the object and returns it as it was. {@code options} may hold
   * {@code preconditions} (uid, resourceVersion) and {@code propagationPolicy}; anything but
   * {@code Orphan} also deletes the pods the object owns.
   */
  public ObjectNode delete(ResourceType type, String namespace, String name, JsonNode options,
      WriteFence fence) {
    String wantUid = Json.text(options, "preconditions.uid");
    String wantVersion = Json.text(options, "preconditions.resourceVersion");
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      ObjectNode current = get(type, namespace, name);
      String uid = Json.text(current, "metadata.uid");
      String version = Json.text(current, "metadata.resourceVersion");
      if (!wantUid.isEmpty() && !wantUid.equals(uid)) {
        throw uidPreconditionFailed(type, name, wantUid, uid);
      }
      if (!wantVersion.isEmpty() && !wantVersion.equals(version)) {
        throw staleVersion(type, name);
      }
      boolean orphan = Json.text(options, "propagationPolicy").equals("Orphan");
      if (orphan) {
        // first marked as being deleted, so that its controller adopts none of the pods freed
        // below (Kubernetes' orphan finalizer does this); then the pods are freed before the
        // owner goes, so that the garbage collector never sees them owned by a vanished uid (it
        // would delete them); a retry below finds the mark set and nothing left to strip
        version = Json.text(markDeleting(type, namespace, name, fence),
            "metadata.resourceVersion");
        orphanDependents(namespace, uid, fence);
      }
      WriteResult result = store.delete(type.key(namespace, name), Long.parseLong(version),
          fence.guards());
      if (result instanceof WriteResult.Committed) {
        if (!orphan) {
          deleteDependents(namespace, uid, fence);
        }
        return current;
      }
    }
    throw ApiError.conflict(type, name, "too many concurrent writers; try again");
  }

  /** Sets {@code metadata.deletionTimestamp} (kept when already set); returns the object. */
  private ObjectNode markDeleting(ResourceType type, String namespace, String name,
      WriteFence fence) {
    String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    return mutate(type, namespace, name, "", o -> {
      ObjectNode meta = Json.child(o, "metadata");
      if (!meta.has("deletionTimestamp")) {
        meta.put("deletionTimestamp", now);
      }
      return o;
    }, fence);
  }

  /**
   * Background cascading deletion, done at once, ending as Kubernetes' garbage collector ends it
   * ({@code attemptToDeleteItem}): a pod whose ownerReferences name {@code ownerUid} is deleted
   * (uid precondition) when none of its owners exists any more; while another owner still exists
   * ("solid"), the pod stays and only the references to owners that are gone ("dangling") are
   * removed, by a compare-and-swap update.
   */
  private void deleteDependents(String namespace, String ownerUid, WriteFence fence) {
    forEachDependentPod(namespace, ownerUid, pod -> {
      String name = Json.text(pod, "metadata.name");
      List<String> dangling = new java.util.ArrayList<>();
      boolean solid = false;
      for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
        String refUid = ref.path("uid").asText();
        if (!refUid.equals(ownerUid) && ownerExists(namespace, ref)) {
          solid = true;
        } else {
          dangling.add(refUid);
        }
      }
      if (!solid) {
        ObjectNode options = Json.object();
        options.putObject("preconditions").put("uid", Json.text(pod, "metadata.uid"));
        delete(Resources.PODS, namespace, name, options, fence);
        return;
      }
      mutate(Resources.PODS, namespace, name, "", p -> {
        dangling.forEach(uid -> OwnerReferences.without(p, uid));
        return p;
      }, fence);
    });
  }

  /**
   * Whether the owner {@code ref} names exists: an object of its kind and name (in
   * {@code namespace} when that kind is namespaced) with its uid. An owner of a kind this server
   * does not serve is never taken to be gone (Kubernetes' collector cannot map it either and
   * leaves the dependent alone).
   */
  private boolean ownerExists(String namespace, JsonNode ref) {
    Optional<ResourceType> type = Resources.ALL.stream()
        .filter(t -> t.kind().equals(ref.path("kind").asText())
            && t.apiVersion().equals(ref.path("apiVersion").asText()))
        .findFirst();
    if (type.isEmpty()) {
      return true;
    }
    return store.get(type.get().key(namespace, ref.path("name").asText()))
        .map(v -> Json.text(ObjectCodec.decode(v), "metadata.uid")
            .equals(ref.path("uid").asText()))
        .orElse(false);
  }

  /**
   * {@code propagationPolicy: Orphan}: the pods whose ownerReferences name {@code ownerUid} lose
   * that reference (each a compare-and-swap update) and live on without an owner.
   */
  private void orphanDependents(String namespace, String ownerUid, WriteFence fence) {
    forEachDependentPod(namespace, ownerUid, pod -> mutate(Resources.PODS, namespace,
        Json.text(pod, "metadata.name"), "", p -> OwnerReferences.without(p, ownerUid), fence));
  }

  /** Applies {@code action} to each pod owned by {@code ownerUid}, as listed. */
  private void forEachDependentPod(String namespace, String ownerUid,
      java.util.function.Consumer<ObjectNode> action) {
    if (namespace == null) {
      return;
    }
    for (StoredValue v : store.list(Resources.PODS.prefix(namespace)).items()) {
      ObjectNode pod = ObjectCodec.decode(v);
      if (OwnerReferences.names(pod, ownerUid)) {
        try {
          action.accept(pod);
        } catch (ApiError gone) {
          // deleted or replaced meanwhile by someone else: nothing left to do for this pod
        }
      }
    }
  }

  private static ObjectNode restrict(ResourceType type, Part part, ObjectNode current,
      ObjectNode next) {
    if (part == Part.STATUS) {
      ObjectNode result = current.deepCopy();
      result.set("status", next.get("status"));
      return result;
    }
    if (part == Part.MAIN && type.hasStatus()) {
      next.remove("status");
      if (current.has("status")) {
        next.set("status", current.get("status"));
      }
    }
    return next;
  }

  /** Fields a client can never change: identity, creation time, kind. */
  private static ObjectNode keepIdentity(ResourceType type, ObjectNode current, ObjectNode next) {
    ObjectNode typed = ObjectCodec.typed(type, next);
    ObjectNode meta = Json.child(typed, "metadata");
    JsonNode was = current.get("metadata");
    for (String field : List.of("name", "namespace", "uid", "creationTimestamp", "generation",
        "resourceVersion")) {
      if (was.has(field)) {
        meta.set(field, was.get(field));
      } else {
        meta.remove(field);
      }
    }
    return typed;
  }

  private static void bumpGeneration(ObjectNode current, ObjectNode next) {
    if (!current.path("spec").equals(next.path("spec"))) {
      Json.child(next, "metadata").put("generation",
          current.path("metadata").path("generation").asLong(1) + 1);
    }
  }

  private void checkIdentity(ResourceType type, String namespace, String name, ObjectNode body) {
    String kind = body.path("kind").asText("");
    String apiVersion = body.path("apiVersion").asText("");
    if (!kind.isEmpty() && !kind.equals(type.kind())
        || !apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw ApiError.badRequest("the body is a " + apiVersion + " " + kind + ", but the URL names "
          + type.apiVersion() + " " + type.kind());
    }
    String bodyNamespace = Json.text(body, "metadata.namespace");
    if (type.namespaced() && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
      throw ApiError.badRequest("the namespace of the provided object does not match the "
          + "namespace sent on the request");
    }
    String bodyName = Json.text(body, "metadata.name");
    if (name != null && !bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiError.badRequest("the name of the object (" + bodyName
          + ") does not match the name on the URL (" + name + ")");
    }
  }

  private void requireNamespace(String namespace) {
    if (store.get(Resources.NAMESPACES.key(null, namespace)).isEmpty()) {
      throw ApiError.notFound(Resources.NAMESPACES, namespace);
    }
  }

  /**
   * 409 Conflict for a uid precondition that names another incarnation, in kube-apiserver's words
   * (without the {@code StorageError: invalid object, Code: 4, Key: …} wrapper it puts around them).
   */
  private static ApiError uidPreconditionFailed(ResourceType type, String name, String wanted,
      String actual) {
    return ApiError.conflict(type, name, "Precondition failed: UID in precondition: " + wanted
        + ", UID in object meta: " + actual);
  }

  private static ApiError staleVersion(ResourceType type, String name) {
    return ApiError.conflict(type, name, "the object has been modified; please apply your "
        + "changes to the latest version and try again");
  }

  /** A random (version 4, IETF variant) UUID drawn from the injected generator. */
  private String uid() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  private String suffix() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      s.append(GENERATE_ALPHABET.charAt(random.nextInt(GENERATE_ALPHABET.length())));
    }
    return s.toString();
  }

  /** A service address in 10.96.0.0/16 (random, not an allocator: collisions are possible). */
  private String clusterIp() {
    return "10.96." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }
}
