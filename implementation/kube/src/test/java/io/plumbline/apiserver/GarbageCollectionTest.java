package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.controller.ApiClient;
import io.plumbline.controller.ControllerManager;
import io.plumbline.controller.TestControllerManagers;
import io.plumbline.controller.GarbageCollector;
import io.plumbline.controller.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owner references and garbage collection, through the API and with kubectl: the controller
 * manager's collector deletes pods whose controller RC is gone (background propagation), and
 * {@code propagationPolicy: Orphan} ({@code kubectl delete --cascade=orphan}) leaves the pods
 * alive without their owner reference.
 */
class GarbageCollectionTest {
  static OneMemberApiServer cluster;
  static Api api;
  static ApiClient plain;

  @BeforeAll
  static void start() throws Exception {
    cluster = OneMemberApiServer.start();
    api = new Api(cluster.port());
    plain = cluster.client();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static ObjectNode ownedPod(String name, String ownerUid, boolean controller) {
    ObjectNode pod = json("{'metadata':{'name':'" + name + "','labels':{'app':'x'}},"
        + "'spec':{'containers':[{'name':'main','image':'busybox'}]}}");
    if (ownerUid != null) {
      ((ObjectNode) pod.get("metadata")).putArray("ownerReferences").addObject()
          .put("apiVersion", "v1").put("kind", "ReplicationController").put("name", "gone")
          .put("uid", ownerUid).put("controller", controller).put("blockOwnerDeletion", true);
    }
    return pod;
  }

  private static JsonNode pods(String ns, String app) {
    return plain.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=app%3D" + app).body()
        .path("items");
  }

  /** Namespace {@code ns} holding an RC of 0 replicas (so no controller creates pods for it). */
  private static JsonNode namespaceWithEmptyRc(String ns, String rc) {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'" + ns + "'}}"));
    return api.post("/api/v1/namespaces/" + ns + "/replicationcontrollers", json(
        "{'metadata':{'name':'" + rc + "'},'spec':{'replicas':0,'template':{'metadata':"
        + "{'labels':{'app':'" + rc + "'}},'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}"))
        .body();
  }

  /**
   * Kubernetes' collector decides from every ownerReference, controller or not
   * ({@code attemptToDeleteItem}): a pod all of whose owners are gone is deleted, so a pod whose
   * only owner is a deleted RC goes whether or not that reference is the controller's.
   */
  @Test
  void aPodWhoseOnlyOwnerRcNoLongerExistsIsCollectedAndNoOtherPod() {
    String ns = "/api/v1/namespaces/gc-unit";
    JsonNode rc = namespaceWithEmptyRc("gc-unit", "live");
    // what round 2's chaos run found: created from an old list just after its RC was deleted
    api.post(ns + "/pods", ownedPod("dangling", "4b0e7a4e-0000-4000-8000-00000000dead", true));
    api.post(ns + "/pods", ownedPod("owned-by-live", Json.text(rc, "metadata.uid"), true));
    api.post(ns + "/pods", ownedPod("bare", null, false));
    api.post(ns + "/pods", ownedPod("not-controlled", "4b0e7a4e-0000-4000-8000-00000000dead",
        false));
    // an owner of another kind, which exists: the RC list does not hold it, and must not decide
    String cmUid = api.post(ns + "/configmaps", json("{'metadata':{'name':'settings'}}"))
        .text("metadata.uid");
    ObjectNode ofConfigMap = ownedPod("of-configmap", null, false);
    ((ObjectNode) ofConfigMap.get("metadata")).putArray("ownerReferences").addObject()
        .put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "settings")
        .put("uid", cmUid).put("controller", true);
    api.post(ns + "/pods", ofConfigMap);

    SyncReport report = new GarbageCollector(plain).collect();

    assertThat(report.deleted()).isEqualTo(2);
    assertThat(pods("gc-unit", "x")).extracting(p -> p.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("owned-by-live", "bare", "of-configmap");
    assertThat(new GarbageCollector(plain).collect().deleted()).isZero();
  }

  /** A pod whose only owner is {@code apiVersion/kind name} with {@code uid}. */
  private static ObjectNode podOwnedBy(String name, String apiVersion, String kind,
      String ownerName, String uid) {
    ObjectNode pod = ownedPod(name, null, false);
    ((ObjectNode) pod.get("metadata")).putArray("ownerReferences").addObject()
        .put("apiVersion", apiVersion).put("kind", kind).put("name", ownerName).put("uid", uid)
        .put("controller", true);
    return pod;
  }

  /**
   * Every kind the API server stores is a real owner, looked up by uid (a namespaced one in the
   * pod's namespace), as Kubernetes' {@code isDangling}: a pod created after its Service was
   * deleted (the API server's cascade came before it) is collected, as is one naming a ConfigMap
   * uid of another namespace; a pod naming a kind the API server does not serve is left alone,
   * even beside a dangling ReplicationController reference (Kubernetes cannot map it and retries
   * the item, never deleting it).
   */
  @Test
  void ownersOfEveryStoredKindAreCheckedAndUnknownKindsLeaveThePod() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'gc-kinds'}}"));
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'gc-kinds-other'}}"));
    String ns = "/api/v1/namespaces/gc-kinds";
    String svc = "{'metadata':{'name':'web'},'spec':{'ports':[{'port':80}]}}";
    String deletedSvc = api.post(ns + "/services", json(svc)).text("metadata.uid");
    api.delete(ns + "/services/web", Json.object());
    String liveSvc = api.post(ns + "/services", json(svc)).text("metadata.uid");
    String otherCm = api.post("/api/v1/namespaces/gc-kinds-other/configmaps",
        json("{'metadata':{'name':'settings'}}")).text("metadata.uid");
    String node = api.post("/api/v1/nodes", json("{'metadata':{'name':'gc-kinds-node'}}"))
        .text("metadata.uid");
    String unknownUid = "4b0e7a4e-0000-4000-8000-0000000000aa";
    api.post(ns + "/pods", podOwnedBy("of-deleted-service", "v1", "Service", "web", deletedSvc));
    api.post(ns + "/pods", podOwnedBy("of-live-service", "v1", "Service", "web", liveSvc));
    api.post(ns + "/pods", podOwnedBy("of-other-namespace", "v1", "ConfigMap", "settings",
        otherCm));
    api.post(ns + "/pods", podOwnedBy("of-live-node", "v1", "Node", "gc-kinds-node", node));
    api.post(ns + "/pods", podOwnedBy("of-unknown-kind", "apps/v1", "ReplicaSet", "rs",
        unknownUid));
    ObjectNode mixed = ownedPod("unknown-and-dangling", "4b0e7a4e-0000-4000-8000-00000000dead",
        true);
    ((com.fasterxml.jackson.databind.node.ArrayNode) mixed.at("/metadata/ownerReferences"))
        .addObject().put("apiVersion", "example.com/v1").put("kind", "Widget").put("name", "w")
        .put("uid", unknownUid);
    api.post(ns + "/pods", mixed);

    SyncReport report = new GarbageCollector(plain).collect();

    assertThat(report.deleted()).isEqualTo(2);
    assertThat(pods("gc-kinds", "x")).extracting(p -> p.at("/metadata/name").asText())
        .containsExactlyInAnyOrder("of-live-service", "of-live-node", "of-unknown-kind",
            "unknown-and-dangling");
    assertThat(plain.get(ns + "/pods/unknown-and-dangling").body()
        .at("/metadata/ownerReferences").size()).isEqualTo(2);
    assertThat(new GarbageCollector(plain).collect().deleted()).isZero();
  }

  /**
   * Kubernetes' collector deletes a dependent only when none of its owners exists; while another
   * owner does, it removes just the dangling references and keeps the object.
   */
  @Test
  void aPodAnotherOwnerStillHoldsLosesOnlyTheDanglingReference() {
    String ns = "/api/v1/namespaces/gc-shared";
    JsonNode rc = namespaceWithEmptyRc("gc-shared", "live");
    ObjectNode pod = ownedPod("shared", "4b0e7a4e-0000-4000-8000-00000000dead", true);
    ((com.fasterxml.jackson.databind.node.ArrayNode) pod.at("/metadata/ownerReferences"))
        .addObject().put("apiVersion", "v1").put("kind", "ReplicationController")
        .put("name", "live").put("uid", Json.text(rc, "metadata.uid"));
    api.post(ns + "/pods", pod);

    // each strip is conditional on the pod's resourceVersion, and the duties bind and start the
    // pod meanwhile (a 409 leaves it to the next pass): passes until one strips it
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(new GarbageCollector(plain).collect().deleted()).isZero();
      assertThat(plain.get(ns + "/pods/shared").body().at("/metadata/ownerReferences")
          .findValuesAsText("uid")).containsExactly(Json.text(rc, "metadata.uid"));
    });
  }

  @Test
  void anOrphanDeleteStripsTheOwnerReferenceAndKeepsThePods() {
    String ns = "/api/v1/namespaces/gc-orphan";
    JsonNode rc = namespaceWithEmptyRc("gc-orphan", "o");
    api.post(ns + "/pods", ownedPod("child", Json.text(rc, "metadata.uid"), true));

    assertThat(plain.delete(ns + "/replicationcontrollers/o?propagationPolicy=Orphan",
        Json.object()).code()).isEqualTo(200);

    JsonNode child = plain.get(ns + "/pods/child").body();
    assertThat(child.at("/metadata/name").asText()).isEqualTo("child");
    assertThat(child.at("/metadata/ownerReferences").isMissingNode()).isTrue();
    assertThat(new GarbageCollector(plain).collect().deleted()).isZero();
  }

  @Test
  void kubectlDeleteCascadesAndCascadeOrphanKeepsPodsWithoutOwner(@TempDir Path dir)
      throws Exception {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'gc-kubectl'}}"));
    Kubectl kubectl = new Kubectl(dir, cluster.port());
    Path manifest = Files.writeString(dir.resolve("web.yaml"), Kubectl.WEB_RC_AND_SERVICE);
    try (ControllerManager cm = TestControllerManagers.start(cluster.url(), "gc-kubectl", "gc-cm",
        true)) {
      assertThat(kubectl.run("-n", "gc-kubectl", "create", "-f", manifest.toString()).exitCode())
          .isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> pods("gc-kubectl", "web").size() == 3);
      Kubectl.Result deleted = kubectl.run("-n", "gc-kubectl", "delete", "rc", "web");
      assertThat(deleted.out()).contains("replicationcontroller \"web\" deleted");
      await().atMost(Duration.ofSeconds(30)).until(() -> pods("gc-kubectl", "web").isEmpty());

      assertThat(kubectl.run("-n", "gc-kubectl", "apply", "-f", manifest.toString()).exitCode())
          .isZero();
      await().atMost(Duration.ofSeconds(30)).until(() -> pods("gc-kubectl", "web").size() == 3);
      Kubectl.Result orphaned = kubectl.run("-n", "gc-kubectl", "delete", "rc", "web",
          "--cascade=orphan");
      assertThat(orphaned.out()).contains("replicationcontroller \"web\" deleted");
      long syncs = cm.syncs();
      await().atMost(Duration.ofSeconds(30)).until(() -> cm.syncs() >= syncs + 3);
      assertThat(pods("gc-kubectl", "web")).hasSize(3)
          .allSatisfy(p -> assertThat(p.at("/metadata/ownerReferences").isMissingNode()).isTrue());
      Kubectl.Result listed = kubectl.run("-n", "gc-kubectl", "get", "pods", "-l", "app=web",
          "-o", "jsonpath={range .items[*]}{.metadata.name}:{.metadata.ownerReferences}{\"\\n\"}{end}");
      assertThat(listed.out().lines()).hasSize(3).allSatisfy(l -> assertThat(l).endsWith(":"));
    }
  }

  /**
   * A collector whose first write, before it is sent, runs {@code race}: another client's change
   * landing between the collector's lists and its writes.
   */
  private static GarbageCollector racedOnFirstWrite(Runnable race) {
    java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
    return new GarbageCollector(new ApiClient(cluster.url(), Duration.ofSeconds(10),
        io.plumbline.apiserver.http.Fencing.HEADER, () -> {
          if (raced.compareAndSet(false, true)) {
            race.run();
          }
          return null;
        }));
  }

  /**
   * The collector deletes the pod it listed, not whatever holds that name when its delete lands
   * ({@code preconditions.uid}, as Kubernetes' {@code attemptToDeleteItem}): a pod replaced by a
   * new one of the same name, without owners, after the list, lives on.
   */
  @Test
  void aPodReplacedAfterTheListIsNotCollected() {
    new GarbageCollector(plain).collect(); // nothing else left to collect: the race is on p
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'gc-replaced'}}"));
    String pods = "/api/v1/namespaces/gc-replaced/pods";
    api.post(pods, ownedPod("p", "00000000-0000-4000-8000-00000000dead", true));

    racedOnFirstWrite(() -> {
      api.delete(pods + "/p", Json.object());
      api.post(pods, ownedPod("p", null, false));
    }).collect();

    JsonNode survivor = api.get(pods + "/p").body();
    assertThat(Json.text(survivor, "metadata.name")).isEqualTo("p");
    assertThat(survivor.path("metadata").path("ownerReferences").isEmpty()).isTrue();
  }

  /**
   * The collector removes only the dangling reference, from the pod as it listed it
   * (a resourceVersion precondition): an owner added after the list is never lost; the pod is
   * looked at again on the next pass.
   */
  @Test
  void anOwnerAddedAfterTheListSurvivesTheStrippingOfADanglingOne() {
    new GarbageCollector(plain).collect(); // nothing else left to collect: the race is on q
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'gc-owners'}}"));
    String base = "/api/v1/namespaces/gc-owners";
    String keep = Json.text(api.post(base + "/configmaps", json("{'metadata':{'name':'keep'}}"))
        .body(), "metadata.uid");
    String late = Json.text(api.post(base + "/configmaps", json("{'metadata':{'name':'late'}}"))
        .body(), "metadata.uid");
    ObjectNode pod = ownedPod("q", "00000000-0000-4000-8000-00000000dead", true);
    ((com.fasterxml.jackson.databind.node.ArrayNode) pod.at("/metadata/ownerReferences"))
        .addObject().put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "keep")
        .put("uid", keep);
    api.post(base + "/pods", pod);

    racedOnFirstWrite(() -> {
      ObjectNode current = (ObjectNode) api.get(base + "/pods/q").body();
      ((com.fasterxml.jackson.databind.node.ArrayNode) current.at("/metadata/ownerReferences"))
          .addObject().put("apiVersion", "v1").put("kind", "ConfigMap").put("name", "late")
          .put("uid", late);
      api.put(base + "/pods/q", current);
    }).collect();
    new GarbageCollector(plain).collect();

    java.util.List<String> owners = new java.util.ArrayList<>();
    api.get(base + "/pods/q").body().at("/metadata/ownerReferences")
        .forEach(r -> owners.add(r.path("name").asText()));
    assertThat(owners).containsExactlyInAnyOrder("keep", "late");
  }
}
