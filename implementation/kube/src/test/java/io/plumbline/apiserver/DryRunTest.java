package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * {@code dryRun=All} over raw HTTP, on every write verb: the answer is what the real request
 * would return (validation and conflicts included), and the store is untouched — the object reads
 * back as before and the store's revision (a list's resourceVersion) has not moved. Nothing but
 * the test writes here (no duties), so an unmoved revision means nothing was written at all.
 */
class DryRunTest extends ApiServerTestBase {
  private static final String NS = "/api/v1/namespaces/default";
  private static final String PODS = NS + "/pods";
  private static final String RCS = NS + "/replicationcontrollers";

  /** The store's current revision, as a list reports it. */
  private static String storeRevision() {
    return api.get("/api/v1/namespaces").text("metadata.resourceVersion");
  }

  private static ObjectNode rc(String name, int replicas) {
    return json("{'metadata':{'name':'" + name + "'},'spec':{'replicas':" + replicas + ","
        + "'selector':{'app':'" + name + "'},'template':{'metadata':{'labels':{'app':'" + name
        + "'}},'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}");
  }

  @Test
  void dryRunCreateAnswersTheWouldBeObjectAndWritesNothing() {
    String before = storeRevision();
    Answer created = api.post(PODS + "?dryRun=All", pod("dry-create", "{'app':'x'}"));
    assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    assertThat(created.text("metadata.uid")).matches("[0-9a-f-]{36}");
    assertThat(created.text("status.phase")).isEqualTo("Pending");
    assertThat(created.body().path("metadata").has("resourceVersion")).isFalse();
    assertThat(api.get(PODS + "/dry-create").code()).isEqualTo(404);
    assertThat(storeRevision()).isEqualTo(before);
  }

  @Test
  void dryRunCreateIsValidatedAndConflictsAsTheRealOne() {
    Answer invalid = api.post(PODS + "?dryRun=All",
        json("{'metadata':{'name':'bad'},'spec':{'containers':[]}}"));
    assertThat(invalid.code()).isEqualTo(422);
    assertThat(invalid.text("reason")).isEqualTo("Invalid");
    assertThat(api.post(PODS, pod("taken", "{}")).code()).isEqualTo(201);
    Answer again = api.post(PODS + "?dryRun=All", pod("taken", "{}"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.text("reason")).isEqualTo("AlreadyExists");
    Answer noNamespace = api.post("/api/v1/namespaces/nowhere/pods?dryRun=All", pod("p", "{}"));
    assertThat(noNamespace.code()).isEqualTo(404);
  }

  @Test
  void dryRunUpdateAndPatchReturnTheChangeAtTheUnchangedResourceVersion() {
    Answer rc = api.post(RCS, rc("upd", 2));
    String version = rc.text("metadata.resourceVersion");
    String before = storeRevision();
    ObjectNode replaced = rc.body().deepCopy();
    ((ObjectNode) replaced.get("spec")).put("replicas", 5);
    Answer put = api.put(RCS + "/upd?dryRun=All", replaced);
    assertThat(put.code()).as(put.body().toString()).isEqualTo(200);
    assertThat(put.text("spec.replicas")).isEqualTo("5");
    assertThat(put.text("metadata.generation")).isEqualTo("2");
    assertThat(put.text("metadata.resourceVersion")).isEqualTo(version);
    Answer patched = api.patch(RCS + "/upd?dryRun=All", "application/merge-patch+json",
        json("{'spec':{'replicas':3}}"));
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.text("spec.replicas")).isEqualTo("3");
    Answer scaled = api.patch(RCS + "/upd/scale?dryRun=All", "application/merge-patch+json",
        json("{'spec':{'replicas':9}}"));
    assertThat(scaled.code()).isEqualTo(200);
    assertThat(scaled.text("spec.replicas")).isEqualTo("9");
    Answer stale = api.patch(RCS + "/upd?dryRun=All", "application/merge-patch+json",
        json("{'metadata':{'resourceVersion':'1'},'spec':{'replicas':4}}"));
    assertThat(stale.code()).isEqualTo(409);
    Answer invalid = api.patch(RCS + "/upd?dryRun=All", "application/merge-patch+json",
        json("{'spec':{'replicas':-1}}"));
    assertThat(invalid.code()).isEqualTo(422);
    Answer read = api.get(RCS + "/upd");
    assertThat(read.text("spec.replicas")).isEqualTo("2");
    assertThat(read.text("metadata.generation")).isEqualTo("1");
    assertThat(read.text("metadata.resourceVersion")).isEqualTo(version);
    assertThat(storeRevision()).isEqualTo(before);
  }

  @Test
  void dryRunDeleteKeepsTheObjectAndItsDependents() {
    Answer rc = api.post(RCS, rc("del", 1));
    ObjectNode owned = pod("del-1", "{'app':'del'}");
    ((ObjectNode) owned.get("metadata")).putArray("ownerReferences").addObject()
        .put("apiVersion", "v1").put("kind", "ReplicationController").put("name", "del")
        .put("uid", rc.text("metadata.uid")).put("controller", true);
    String podVersion = api.post(PODS, owned).text("metadata.resourceVersion");
    String before = storeRevision();
    Answer byQuery = api.delete(RCS + "/del?dryRun=All", json("{}"));
    assertThat(byQuery.code()).as(byQuery.body().toString()).isEqualTo(200);
    assertThat(byQuery.text("metadata.name")).isEqualTo("del");
    Answer byBody = api.delete(RCS + "/del",
        json("{'kind':'DeleteOptions','apiVersion':'v1','dryRun':['All'],"
            + "'propagationPolicy':'Orphan'}"));
    assertThat(byBody.code()).isEqualTo(200);
    assertThat(api.get(RCS + "/del").text("metadata.resourceVersion"))
        .isEqualTo(rc.text("metadata.resourceVersion"));
    Answer pod = api.get(PODS + "/del-1");
    assertThat(pod.text("metadata.resourceVersion")).isEqualTo(podVersion);
    assertThat(pod.body().path("metadata").path("ownerReferences")).hasSize(1);
    assertThat(api.delete(PODS + "/absent?dryRun=All", json("{}")).code()).isEqualTo(404);
    assertThat(storeRevision()).isEqualTo(before);
  }

  @Test
  void anUnknownDryRunValueIsRefusedAsKubeApiserverDoesAndWritesNothing() {
    String before = storeRevision();
    Answer refused = api.post(PODS + "?dryRun=Yes", pod("unknown-dry", "{}"));
    assertThat(refused.code()).isEqualTo(422);
    assertThat(refused.text("kind")).isEqualTo("Status");
    assertThat(refused.text("reason")).isEqualTo("Invalid");
    assertThat(refused.text("message")).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid: "
        + "dryRun: Unsupported value: \"Yes\": supported values: \"All\"");
    assertThat(refused.body().path("details").path("causes").path(0).path("field").asText())
        .isEqualTo("dryRun");
    assertThat(api.delete(PODS + "/x", json("{'dryRun':['Some']}")).text("message"))
        .startsWith("DeleteOptions.meta.k8s.io");
    assertThat(api.get(PODS + "/unknown-dry").code()).isEqualTo(404);
    assertThat(storeRevision()).isEqualTo(before);
  }
}
