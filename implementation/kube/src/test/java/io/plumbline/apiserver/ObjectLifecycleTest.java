package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.Api.Answer;
import org.junit.jupiter.api.Test;

/** Create, get, update, delete on either store, with Kubernetes' Status answers. */
class ObjectLifecycleTest extends ApiServerTestBase {
  private static final String PODS = "/api/v1/namespaces/default/pods";

  @Test
  void createSetsUidTimestampAndTheStoreRevisionAsResourceVersion() {
    Answer created = api.post(PODS, pod("alpha", "{}"));
    assertThat(created.code()).isEqualTo(201);
    assertThat(created.text("metadata.uid")).matches("[0-9a-f-]{36}");
    assertThat(created.text("metadata.creationTimestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(created.text("kind")).isEqualTo("Pod");
    assertThat(created.text("status.phase")).isEqualTo("Pending");
    Answer read = api.get(PODS + "/alpha");
    assertThat(read.code()).isEqualTo(200);
    assertThat(read.text("metadata.resourceVersion"))
        .isEqualTo(created.text("metadata.resourceVersion"));
    assertThat(Long.parseLong(read.text("metadata.resourceVersion"))).isPositive();
  }

  @Test
  void generateNameGivesEachObjectItsOwnName() {
    Answer a = api.post(PODS, json("{'metadata':{'generateName':'gen-'},'spec':{'containers':"
        + "[{'name':'c','image':'i'}]}}"));
    Answer b = api.post(PODS, json("{'metadata':{'generateName':'gen-'},'spec':{'containers':"
        + "[{'name':'c','image':'i'}]}}"));
    assertThat(a.code()).isEqualTo(201);
    assertThat(b.code()).isEqualTo(201);
    assertThat(a.text("metadata.name")).startsWith("gen-").hasSize(9)
        .isNotEqualTo(b.text("metadata.name"));
  }

  @Test
  void missingObjectIsA404NotFoundStatus() {
    Answer missing = api.get(PODS + "/nope");
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.text("kind")).isEqualTo("Status");
    assertThat(missing.text("reason")).isEqualTo("NotFound");
    assertThat(missing.text("message")).isEqualTo("pods \"nope\" not found");
    assertThat(missing.text("details.name")).isEqualTo("nope");
    assertThat(missing.body().path("code").asInt()).isEqualTo(404);
  }

  @Test
  void creatingTwiceIsA409AlreadyExists() {
    assertThat(api.post(PODS, pod("twice", "{}")).code()).isEqualTo(201);
    Answer again = api.post(PODS, pod("twice", "{}"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.text("reason")).isEqualTo("AlreadyExists");
  }

  @Test
  void creatingInAMissingNamespaceIsA404() {
    Answer answer = api.post("/api/v1/namespaces/ghost/pods", pod("p", "{}"));
    assertThat(answer.code()).isEqualTo(404);
    assertThat(answer.text("message")).isEqualTo("namespaces \"ghost\" not found");
  }

  @Test
  void updateWithAStaleResourceVersionIsA409ConflictAndChangesNothing() {
    Answer created = api.post(PODS, pod("occ", "{}"));
    String v1 = created.text("metadata.resourceVersion");
    Answer first = api.put(PODS + "/occ", withLabel(created, "round", "one"));
    assertThat(first.code()).isEqualTo(200);
    assertThat(Long.parseLong(first.text("metadata.resourceVersion")))
        .isGreaterThan(Long.parseLong(v1));
    Answer stale = api.put(PODS + "/occ", withLabel(created, "round", "two"));
    assertThat(stale.code()).isEqualTo(409);
    assertThat(stale.text("reason")).isEqualTo("Conflict");
    assertThat(stale.text("message")).contains("the object has been modified");
    assertThat(api.get(PODS + "/occ").text("metadata.labels.round")).isEqualTo("one");
  }

  @Test
  void updateWithoutResourceVersionIsUnconditional() {
    Answer created = api.post(PODS, pod("uncond", "{}"));
    var body = withLabel(created, "x", "y");
    ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("metadata"))
        .remove("resourceVersion");
    assertThat(api.put(PODS + "/uncond", body).code()).isEqualTo(200);
  }

  @Test
  void mainResourceUpdateKeepsStatusAndStatusUpdateKeepsSpec() {
    Answer created = api.post(PODS, pod("split", "{}"));
    var changed = created.body().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get("status")).put("phase", "Failed");
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get("spec"))
        .put("restartPolicy", "Never");
    Answer main = api.put(PODS + "/split", changed);
    assertThat(main.text("status.phase")).isEqualTo("Pending");
    assertThat(main.text("spec.restartPolicy")).isEqualTo("Never");
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get("metadata"))
        .remove("resourceVersion");
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get("spec"))
        .put("restartPolicy", "OnFailure");
    Answer status = api.put(PODS + "/split/status", changed);
    assertThat(status.text("status.phase")).isEqualTo("Failed");
    assertThat(status.text("spec.restartPolicy")).isEqualTo("Never");
  }

  @Test
  void deleteReturnsTheObjectAndThenItIsGone() {
    api.post(PODS, pod("doomed", "{}"));
    Answer deleted = api.delete(PODS + "/doomed", json("{'propagationPolicy':'Background'}"));
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(deleted.text("metadata.name")).isEqualTo("doomed");
    assertThat(api.get(PODS + "/doomed").code()).isEqualTo(404);
    assertThat(api.delete(PODS + "/doomed", json("{}")).code()).isEqualTo(404);
  }

  @Test
  void deleteWithAStaleResourceVersionPreconditionIsA409() {
    Answer created = api.post(PODS, pod("guarded", "{}"));
    api.put(PODS + "/guarded", withLabel(created, "a", "b"));
    Answer refused = api.delete(PODS + "/guarded", json("{'preconditions':{'resourceVersion':'"
        + created.text("metadata.resourceVersion") + "'}}"));
    assertThat(refused.code()).isEqualTo(409);
    assertThat(api.get(PODS + "/guarded").code()).isEqualTo(200);
  }

  @Test
  void deletingAReplicationControllerDeletesThePodsItOwns() {
    Answer rc = api.post("/api/v1/namespaces/default/replicationcontrollers", json(
        "{'metadata':{'name':'owner'},'spec':{'replicas':0,'selector':{'app':'owned'},"
            + "'template':{'metadata':{'labels':{'app':'owned'}},'spec':{'containers':"
            + "[{'name':'c','image':'i'}]}}}}"));
    var owned = pod("owned-1", "{'app':'owned'}");
    ((com.fasterxml.jackson.databind.node.ObjectNode) owned.get("metadata")).putArray(
        "ownerReferences").addObject().put("kind", "ReplicationController").put("name", "owner")
        .put("uid", rc.text("metadata.uid")).put("apiVersion", "v1");
    assertThat(api.post(PODS, owned).code()).isEqualTo(201);
    api.delete("/api/v1/namespaces/default/replicationcontrollers/owner",
        json("{'propagationPolicy':'Background'}"));
    assertThat(api.get(PODS + "/owned-1").code()).isEqualTo(404);
  }

  @Test
  void clusterScopedAndGroupedResourcesLiveUnderTheirOwnPaths() {
    assertThat(api.get("/api/v1/namespaces/kube-system").code()).isEqualTo(200);
    assertThat(api.post("/api/v1/nodes", json("{'metadata':{'name':'n1'}}")).code())
        .isEqualTo(201);
    Answer lease = api.post("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases",
        json("{'metadata':{'name':'lock'},'spec':{'holderIdentity':'a',"
            + "'leaseDurationSeconds':15,'leaseTransitions':0}}"));
    assertThat(lease.code()).isEqualTo(201);
    assertThat(lease.text("apiVersion")).isEqualTo("coordination.k8s.io/v1");
    assertThat(api.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/lock")
        .text("spec.holderIdentity")).isEqualTo("a");
  }

  private static com.fasterxml.jackson.databind.JsonNode withLabel(Answer object, String key,
      String value) {
    var copy = object.body().deepCopy();
    io.plumbline.apiserver.api.Json.child(
        io.plumbline.apiserver.api.Json.child((com.fasterxml.jackson.databind.node.ObjectNode) copy,
            "metadata"), "labels").put(key, value);
    return copy;
  }
}
