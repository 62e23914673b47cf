package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.http.Fencing;
import io.plumbline.controller.ApiClient;
import io.plumbline.controller.ControllerManager;
import io.plumbline.controller.TestControllerManagers;
import io.plumbline.controller.ReplicationManager;
import io.plumbline.controller.SyncReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replication controller as Kubernetes runs it, one explicit sync at a time: a pod relabelled
 * out of the selector is released (controller reference removed) and replaced; matching orphans
 * are adopted instead of new pods made; the status counts only the claimed, matching pods. Two
 * races, made by a write hook: an RC deleted after the sync listed it adopts nothing, and a claim
 * that fails (the pod changed since the list) ends that RC's sync before it scales. And with a
 * running controller manager, {@code kubectl wait --for=jsonpath} sees the status.
 */
class ReplicationClaimsTest {
  static OneMemberApiServer cluster;
  static Api api;
  static ApiClient plain;
  static ReplicationManager replication;

  @BeforeAll
  static void start() throws Exception {
    cluster = OneMemberApiServer.start();
    api = new Api(cluster.port());
    plain = cluster.client();
    replication = new ReplicationManager(plain, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static String rcs(String ns) {
    return "/api/v1/namespaces/" + ns + "/replicationcontrollers";
  }

  private static JsonNode createRc(String ns, String name, int replicas, String templateLabels) {
    return api.post(rcs(ns), json("{'metadata':{'name':'" + name + "'},'spec':{'replicas':"
        + replicas + ",'selector':{'app':'" + name + "'},'template':{'metadata':{'labels':"
        + templateLabels + "},'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}")).body();
  }

  private static List<JsonNode> pods(String ns) {
    return StreamSupport.stream(api.get("/api/v1/namespaces/" + ns + "/pods").body()
        .path("items").spliterator(), false).toList();
  }

  private static String controllerUid(JsonNode pod) {
    for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
      if (ref.path("controller").asBoolean()) {
        return ref.path("uid").asText();
      }
    }
    return "";
  }

  private static JsonNode status(String ns, String rc) {
    return api.get(rcs(ns) + "/" + rc).body().path("status");
  }

  /**
   * A replication manager whose first write, before it is sent, runs {@code race}: another
   * client's change landing between this sync's list and its writes.
   */
  private static ReplicationManager racedOnFirstWrite(Runnable race) {
    AtomicBoolean raced = new AtomicBoolean();
    return new ReplicationManager(new ApiClient(cluster.url(), Duration.ofSeconds(10),
        Fencing.HEADER, () -> {
          if (raced.compareAndSet(false, true)) {
            race.run();
          }
          return null;
        }), Clock.systemUTC());
  }

  /** Waits until the duties have bound and started the pod, so that they write it no more. */
  private static void awaitStarted(String ns, String pod) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !Json.text(api.get(
        "/api/v1/namespaces/" + ns + "/pods/" + pod).body(), "status.podIP").isEmpty());
  }

  /** Syncs until a pass writes nothing, so that other tests' RCs leave the next pass alone. */
  private static void settle() {
    for (int i = 0; i < 5; i++) {
      SyncReport r = replication.sync();
      if (r.created() + r.deleted() + r.statusUpdates() + r.failed() == 0) {
        return;
      }
    }
  }

  @Test
  void anRcDeletedAfterTheListAdoptsNothing() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-gone'}}"));
    createRc("rc-gone", "web", 1, "{'app':'web'}");
    settle();
    String mine = Json.text(pods("rc-gone").get(0), "metadata.name");
    api.patch("/api/v1/namespaces/rc-gone/pods/" + mine, "application/merge-patch+json",
        json("{'metadata':{'labels':{'app':'debug'}}}")); // its release is the sync's first write
    api.post("/api/v1/namespaces/rc-gone/pods", ApiServerTestBase.pod("orphan", "{'app':'web'}"));
    awaitStarted("rc-gone", "orphan");

    racedOnFirstWrite(() -> api.delete(rcs("rc-gone") + "/web?propagationPolicy=Orphan",
        Json.object())).sync();

    assertThat(api.get(rcs("rc-gone") + "/web").code()).isEqualTo(404);
    assertThat(controllerUid(api.get("/api/v1/namespaces/rc-gone/pods/orphan").body()))
        .isEmpty();
  }

  /**
   * Kubernetes re-reads the RC before adopting and refuses when it is being deleted
   * ({@code RecheckDeletionTimestamp}): an orphaning delete marks the RC first and frees its pods
   * after, so an RC marked between the sync's list and its adoption must take none of them, or
   * the pods it was asked to leave behind would be owned again by an RC about to go, and collected.
   */
  @Test
  void anRcMarkedForDeletionAfterTheListAdoptsNothing() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-marked'}}"));
    createRc("rc-marked", "web", 1, "{'app':'web'}");
    settle();
    String mine = Json.text(pods("rc-marked").get(0), "metadata.name");
    api.patch("/api/v1/namespaces/rc-marked/pods/" + mine, "application/merge-patch+json",
        json("{'metadata':{'labels':{'app':'debug'}}}")); // its release is the sync's first write
    api.post("/api/v1/namespaces/rc-marked/pods",
        ApiServerTestBase.pod("orphan", "{'app':'web'}"));
    awaitStarted("rc-marked", "orphan");

    racedOnFirstWrite(() -> cluster.markDeleting(Resources.REPLICATION_CONTROLLERS, "rc-marked",
        "web", "2026-12-08T00:00:00Z")).sync();

    assertThat(controllerUid(api.get("/api/v1/namespaces/rc-marked/pods/orphan").body()))
        .isEmpty();
  }

  @Test
  void aClaimThatFailsEndsTheSyncBeforeItScales() {
    settle();
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-unsettled'}}"));
    api.post("/api/v1/namespaces/rc-unsettled/pods",
        ApiServerTestBase.pod("orphan", "{'app':'web'}"));
    awaitStarted("rc-unsettled", "orphan");
    createRc("rc-unsettled", "web", 1, "{'app':'web'}");

    SyncReport raced = racedOnFirstWrite(() -> api.patch(
        "/api/v1/namespaces/rc-unsettled/pods/orphan", "application/merge-patch+json",
        json("{'metadata':{'labels':{'touched':'yes'}}}"))).sync(); // the adoption gets a 409

    assertThat(raced.failed()).isEqualTo(1);
    assertThat(raced.created()).isZero();
    assertThat(pods("rc-unsettled")).hasSize(1);
    assertThat(replication.sync().created()).isZero(); // the next sync adopts it instead
    assertThat(pods("rc-unsettled")).hasSize(1)
        .allSatisfy(p -> assertThat(controllerUid(p)).isNotEmpty());
  }

  @Test
  void aPodRelabelledOutOfTheSelectorIsReleasedAndReplaced() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-release'}}"));
    String uid = Json.text(createRc("rc-release", "web", 3, "{'app':'web'}"), "metadata.uid");
    assertThat(replication.sync().created()).isEqualTo(3);
    JsonNode events = api.get("/api/v1/namespaces/rc-release/events?fieldSelector="
        + "involvedObject.kind%3DReplicationController,involvedObject.name%3Dweb").body()
        .path("items");
    assertThat(events).hasSize(3).allSatisfy(e -> {
      assertThat(e.path("reason").asText()).isEqualTo("SuccessfulCreate");
      assertThat(e.path("message").asText()).startsWith("Created pod: web-");
      assertThat(e.at("/involvedObject/uid").asText()).isEqualTo(uid);
    });
    String moved = Json.text(pods("rc-release").get(0), "metadata.name");
    api.patch("/api/v1/namespaces/rc-release/pods/" + moved, "application/merge-patch+json",
        json("{'metadata':{'labels':{'app':'debug'}}}"));

    SyncReport released = replication.sync();

    assertThat(released.created()).isEqualTo(1);
    JsonNode movedPod = api.get("/api/v1/namespaces/rc-release/pods/" + moved).body();
    assertThat(movedPod.at("/metadata/ownerReferences").isMissingNode()).isTrue();
    assertThat(pods("rc-release")).hasSize(4)
        .filteredOn(p -> controllerUid(p).equals(uid)).hasSize(3)
        .allSatisfy(p -> assertThat(p.at("/metadata/labels/app").asText()).isEqualTo("web"));
    replication.sync();
    JsonNode status = status("rc-release", "web");
    assertThat(status.path("replicas").asInt()).isEqualTo(3);
    assertThat(status.path("fullyLabeledReplicas").asInt()).isEqualTo(3);
    assertThat(replication.sync().created()).isZero();
  }

  @Test
  void orphansOfADeletedRcAreAdoptedByItsSuccessorInsteadOfNewPods() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-adopt'}}"));
    createRc("rc-adopt", "web", 3, "{'app':'web'}");
    replication.sync();
    List<String> before = pods("rc-adopt").stream()
        .map(p -> Json.text(p, "metadata.name")).sorted().toList();
    assertThat(api.delete(rcs("rc-adopt") + "/web?propagationPolicy=Orphan", Json.object())
        .code()).isEqualTo(200);
    String uid = Json.text(createRc("rc-adopt", "web", 3, "{'app':'web'}"), "metadata.uid");

    SyncReport adopted = replication.sync();

    assertThat(adopted.created()).isZero();
    assertThat(adopted.failed()).isZero();
    assertThat(pods("rc-adopt")).hasSize(3)
        .allSatisfy(p -> assertThat(controllerUid(p)).isEqualTo(uid))
        .extracting(p -> Json.text(p, "metadata.name")).containsExactlyInAnyOrderElementsOf(before);
    assertThat(status("rc-adopt", "web").path("replicas").asInt()).isEqualTo(3);
  }

  @Test
  void anRcBeingDeletedNeitherAdoptsNorScales() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-dying'}}"));
    createRc("rc-dying", "web", 2, "{'app':'web'}");
    api.post("/api/v1/namespaces/rc-dying/pods", ApiServerTestBase.pod("orphan", "{'app':'web'}"));
    cluster.markDeleting(Resources.REPLICATION_CONTROLLERS, "rc-dying", "web",
        "2026-12-06T07:00:00Z");

    SyncReport report = replication.sync();

    assertThat(report.created()).isZero();
    assertThat(controllerUid(api.get("/api/v1/namespaces/rc-dying/pods/orphan").body()))
        .isEmpty();
  }

  @Test
  void aPodOwnedByAnotherControllerIsNeitherAdoptedNorCounted() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-foreign'}}"));
    ObjectNode foreign = ApiServerTestBase.pod("foreign", "{'app':'web'}");
    ((ObjectNode) foreign.get("metadata")).putArray("ownerReferences").addObject()
        .put("apiVersion", "v1").put("kind", "ReplicationController").put("name", "other")
        .put("uid", "4b0e7a4e-0000-4000-8000-0000000000aa").put("controller", true);
    api.post("/api/v1/namespaces/rc-foreign/pods", foreign);
    createRc("rc-foreign", "web", 1, "{'app':'web'}");

    assertThat(replication.sync().created()).isEqualTo(1);
    assertThat(controllerUid(api.get("/api/v1/namespaces/rc-foreign/pods/foreign").body()))
        .isEqualTo("4b0e7a4e-0000-4000-8000-0000000000aa");
  }

  @Test
  void fullyLabeledReplicasCountsOnlyPodsCarryingAllTemplateLabels() {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-labels'}}"));
    api.post("/api/v1/namespaces/rc-labels/pods", ApiServerTestBase.pod("partial",
        "{'app':'web'}"));
    awaitStarted("rc-labels", "partial"); // else a duty's write may make its adoption a 409
    createRc("rc-labels", "web", 2, "{'app':'web','tier':'fe'}");
    SyncReport first = replication.sync();
    assertThat(first.created()).isEqualTo(1);
    replication.sync();
    JsonNode status = status("rc-labels", "web");
    assertThat(status.path("replicas").asInt()).isEqualTo(2);
    assertThat(status.path("fullyLabeledReplicas").asInt()).isEqualTo(1);
    assertThat(status.path("observedGeneration").asInt()).isEqualTo(1);
  }

  @Test
  void kubectlWaitSeesReadyAndAvailableReplicasAndAdoptionAfterCascadeOrphan(@TempDir Path dir)
      throws Exception {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'rc-wait'}}"));
    Kubectl kubectl = new Kubectl(dir, cluster.port());
    Path manifest = Files.writeString(dir.resolve("web.yaml"), Kubectl.WEB_RC_AND_SERVICE);
    try (ControllerManager cm = TestControllerManagers.start(cluster.url(), "rc-wait", "rc-wait-cm",
        true)) {
      assertThat(kubectl.run("-n", "rc-wait", "create", "-f", manifest.toString()).exitCode())
          .isZero();
      for (String field : List.of("readyReplicas", "availableReplicas", "fullyLabeledReplicas")) {
        Kubectl.Result waited = kubectl.run("-n", "rc-wait", "wait", "rc/web",
            "--for=jsonpath={.status." + field + "}=3", "--timeout=40s");
        assertThat(waited.out()).as(waited.out()).contains("replicationcontroller/web condition met");
      }
      Kubectl.Result described = kubectl.run("-n", "rc-wait", "describe", "rc", "web");
      assertThat(described.out()).as(described.out())
          .containsPattern("Normal +SuccessfulCreate .* replication-controller +Created pod: web-");
      List<String> before = pods("rc-wait").stream()
          .map(p -> Json.text(p, "metadata.name")).sorted().toList();
      assertThat(kubectl.run("-n", "rc-wait", "delete", "rc", "web", "--cascade=orphan")
          .exitCode()).isZero();
      assertThat(kubectl.run("-n", "rc-wait", "apply", "-f", manifest.toString()).exitCode())
          .isZero();
      String uid = api.get(rcs("rc-wait") + "/web").text("metadata.uid");
      await().atMost(Duration.ofSeconds(30)).until(() -> pods("rc-wait").stream()
          .allMatch(p -> controllerUid(p).equals(uid)));
      long syncs = cm.syncs();
      await().atMost(Duration.ofSeconds(30)).until(() -> cm.syncs() >= syncs + 3);
      assertThat(pods("rc-wait")).extracting(p -> Json.text(p, "metadata.name"))
          .containsExactlyInAnyOrderElementsOf(before);
    }
  }
}
