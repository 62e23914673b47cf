package io.plumbline.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.Api.Answer;
import org.junit.jupiter.api.Test;

/** PATCH as kubectl sends it, the scale subresource, and 422 validation answers. */
class PatchAndValidationTest extends ApiServerTestBase {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final String RCS = "/api/v1/namespaces/default/replicationcontrollers";
  private static final String SMP = "application/strategic-merge-patch+json";
  private static final String MERGE = "application/merge-patch+json";

  @Test
  void mergePatchReplacesListsAndNullDeletes() {
    api.post(PODS, json("{'metadata':{'name':'mp','labels':{'a':'1','b':'2'}},'spec':"
        + "{'containers':[{'name':'one','image':'x'},{'name':'two','image':'y'}]}}"));
    Answer patched = api.patch(PODS + "/mp", MERGE, json(
        "{'metadata':{'labels':{'a':null,'c':'3'}},'spec':{'containers':[{'name':'one','image':'z'}]}}"));
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.body().path("metadata").path("labels").toString())
        .isEqualTo("{\"b\":\"2\",\"c\":\"3\"}");
    assertThat(patched.body().path("spec").path("containers")).hasSize(1);
  }

  @Test
  void strategicMergePatchMergesContainersByName() {
    api.post(PODS, json("{'metadata':{'name':'smp'},'spec':{'containers':"
        + "[{'name':'one','image':'x'},{'name':'two','image':'y'}]}}"));
    Answer patched = api.patch(PODS + "/smp", SMP, json(
        "{'spec':{'$setElementOrder/containers':[{'name':'two'},{'name':'one'}],"
            + "'containers':[{'name':'two','image':'y2'}]}}"));
    assertThat(patched.code()).isEqualTo(200);
    var containers = patched.body().path("spec").path("containers");
    assertThat(containers).hasSize(2);
    assertThat(containers.get(0).path("name").asText()).isEqualTo("two");
    assertThat(containers.get(0).path("image").asText()).isEqualTo("y2");
    assertThat(containers.get(1).path("image").asText()).isEqualTo("x");
  }

  @Test
  void aPatchCarryingAStaleResourceVersionIsA409() {
    Answer created = api.post(PODS, json("{'metadata':{'name':'prv'},'spec':{'containers':"
        + "[{'name':'c','image':'x'}]}}"));
    api.patch(PODS + "/prv", MERGE, json("{'metadata':{'labels':{'a':'1'}}}"));
    Answer stale = api.patch(PODS + "/prv", MERGE, json("{'metadata':{'resourceVersion':'"
        + created.text("metadata.resourceVersion") + "','labels':{'a':'2'}}}"));
    assertThat(stale.code()).isEqualTo(409);
    assertThat(api.get(PODS + "/prv").text("metadata.labels.a")).isEqualTo("1");
  }

  @Test
  void anUnknownPatchTypeIsA415AndAJsonPatchThatIsNoListA400() {
    api.post(PODS, json("{'metadata':{'name':'jp'},'spec':{'containers':[{'name':'c','image':'x'}]}}"));
    Answer answer = api.patch(PODS + "/jp", "application/xml-patch+xml", json("{}"));
    assertThat(answer.code()).isEqualTo(415);
    assertThat(api.patch(PODS + "/jp", "application/json-patch+json", json("{}")).code())
        .isEqualTo(400);
  }

  @Test
  void applyWithoutFieldManagerIsA400AndWithOneCreatesTheObject() {
    namespace("ssa");
    String cm = "/api/v1/namespaces/ssa/configmaps/applied";
    ObjectNode config = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'applied'},"
        + "'data':{'a':'1'}}");
    assertThat(api.patch(cm, "application/apply-patch+yaml", config).code()).isEqualTo(400);
    assertThat(api.patch(cm + "?fieldManager=test", "application/apply-patch+yaml", config)
        .code()).isEqualTo(200);
    assertThat(api.get(cm).text("data.a")).isEqualTo("1");
  }

  @Test
  void scaleSubresourceReadsAndPatchesReplicas() {
    api.post(RCS, json("{'metadata':{'name':'sc'},'spec':{'replicas':2,'selector':{'app':'sc'},"
        + "'template':{'metadata':{'labels':{'app':'sc'}},'spec':{'containers':"
        + "[{'name':'c','image':'x'}]}}}}"));
    Answer scale = api.get(RCS + "/sc/scale");
    assertThat(scale.text("kind")).isEqualTo("Scale");
    assertThat(scale.text("apiVersion")).isEqualTo("autoscaling/v1");
    assertThat(scale.text("spec.replicas")).isEqualTo("2");
    assertThat(scale.text("status.selector")).isEqualTo("app=sc");
    Answer patched = api.patch(RCS + "/sc/scale", MERGE, json("{'spec':{'replicas':5}}"));
    assertThat(patched.code()).isEqualTo(200);
    assertThat(patched.text("spec.replicas")).isEqualTo("5");
    assertThat(api.get(RCS + "/sc").text("spec.replicas")).isEqualTo("5");
    Answer negative = api.patch(RCS + "/sc/scale", MERGE, json("{'spec':{'replicas':-1}}"));
    assertThat(negative.code()).isEqualTo(422);
  }

  @Test
  void invalidObjectsAre422WithOneCausePerField() {
    Answer answer = api.post(PODS, json("{'metadata':{'name':'Bad_Name'},'spec':{'containers':"
        + "[{'name':'c'}]}}"));
    assertThat(answer.code()).isEqualTo(422);
    assertThat(answer.text("reason")).isEqualTo("Invalid");
    assertThat(answer.text("details.kind")).isEqualTo("Pod");
    assertThat(answer.body().path("details").path("causes").findValuesAsText("field"))
        .containsExactly("metadata.name", "spec.containers[0].image");
    assertThat(answer.text("message")).startsWith("Pod \"Bad_Name\" is invalid: metadata.name");
  }

  @Test
  void replicationControllerSelectorMustMatchTemplateLabels() {
    Answer answer = api.post(RCS, json("{'metadata':{'name':'mismatch'},'spec':{'selector':"
        + "{'app':'a'},'template':{'metadata':{'labels':{'app':'b'}},'spec':{'containers':"
        + "[{'name':'c','image':'x'}]}}}}"));
    assertThat(answer.code()).isEqualTo(422);
    assertThat(answer.body().path("details").path("causes").findValuesAsText("field"))
        .containsExactly("spec.template.metadata.labels");
  }

  @Test
  void serviceNeedsValidPorts() {
    Answer answer = api.post("/api/v1/namespaces/default/services", json(
        "{'metadata':{'name':'svc'},'spec':{'ports':[{'port':70000}]}}"));
    assertThat(answer.code()).isEqualTo(422);
    assertThat(answer.body().path("details").path("causes").findValuesAsText("field"))
        .containsExactly("spec.ports[0].port");
  }

  @Test
  void bodyThatNamesAnotherKindOrNamespaceIsA400() {
    assertThat(api.post(PODS, json("{'kind':'Service','apiVersion':'v1','metadata':"
        + "{'name':'k'}}")).code()).isEqualTo(400);
    assertThat(api.post(PODS, json("{'metadata':{'name':'k','namespace':'kube-system'},"
        + "'spec':{'containers':[{'name':'c','image':'x'}]}}")).code()).isEqualTo(400);
  }
}
