package io.plumbline.controller;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kubernetes' ClaimPods rules and replica-set status counts, on hand-made objects. */
class PodClaimsTest {
  private static final String RC_UID = "11111111-1111-4111-8111-111111111111";
  private static final JsonNode RC = json("{'metadata':{'name':'web','namespace':'ns','uid':'"
      + RC_UID + "','generation':4},'spec':{'replicas':3,'minReadySeconds':10,"
      + "'selector':{'app':'web'},'template':{'metadata':{'labels':{'app':'web','tier':'fe'}}}}}");

  private static JsonNode pod(String name, String ns, String labels, String controllerUid,
      String extraMeta) {
    String refs = controllerUid == null ? "" : ",'ownerReferences':[{'kind':"
        + "'ReplicationController','name':'x','uid':'" + controllerUid + "','controller':true}]";
    return json("{'metadata':{'name':'" + name + "','namespace':'" + ns + "','labels':" + labels
        + refs + extraMeta + "}}");
  }

  private static List<String> names(List<JsonNode> pods) {
    return pods.stream().map(p -> Json.text(p, "metadata.name")).toList();
  }

  @Test
  void keepsReleasesAdoptsAndLeavesOthersAlone() {
    JsonNode pods = Json.MAPPER.createArrayNode()
        .add(pod("mine", "ns", "{'app':'web'}", RC_UID, ""))
        .add(pod("relabelled", "ns", "{'app':'debug'}", RC_UID, ""))
        .add(pod("orphan", "ns", "{'app':'web','x':'y'}", null, ""))
        .add(pod("orphan-dying", "ns", "{'app':'web'}", null,
            ",'deletionTimestamp':'2026-01-01T00:00:00Z'"))
        .add(pod("orphan-unmatched", "ns", "{'app':'db'}", null, ""))
        .add(pod("foreign", "ns", "{'app':'web'}", "22222222-2222-4222-8222-222222222222", ""))
        .add(pod("elsewhere", "other", "{'app':'web'}", null, ""));

    PodClaims claims = PodClaims.of(RC, pods);

    assertThat(names(claims.kept())).containsExactly("mine");
    assertThat(names(claims.release())).containsExactly("relabelled");
    assertThat(names(claims.adopt())).containsExactly("orphan");
  }

  /**
   * A pod's controller is the ownerReference with {@code controller: true}
   * ({@code metav1.GetControllerOf}: {@code Controller != nil && *Controller}); an owner named
   * with {@code controller: false} is a plain owner, so such a pod has no controller and a
   * matching RC adopts it.
   */
  @Test
  void anOwnerReferenceWithControllerFalseIsNoControllerAndThePodIsAdopted() {
    JsonNode owned = json("{'metadata':{'name':'owned','namespace':'ns','labels':{'app':'web'},"
        + "'ownerReferences':[{'apiVersion':'v1','kind':'ConfigMap','name':'settings','uid':"
        + "'33333333-3333-4333-8333-333333333333','controller':false}]}}");

    PodClaims claims = PodClaims.of(RC, Json.MAPPER.createArrayNode().add(owned));

    assertThat(names(claims.adopt())).containsExactly("owned");
  }

  @Test
  void anEmptySelectorSelectsNothing() {
    assertThat(PodClaims.selects(json("{}"), pod("p", "ns", "{'app':'web'}", null, "")))
        .isFalse();
    assertThat(PodClaims.selects(json("{'app':'web','tier':'fe'}"),
        pod("p", "ns", "{'app':'web'}", null, ""))).isFalse();
  }

  @Test
  void statusCountsFullyLabeledReadyAndAvailableAfterMinReadySeconds() {
    Instant now = Instant.parse("2026-12-06T07:00:00Z");
    String readySince = ",'conditions':[{'type':'Ready','status':'True','lastTransitionTime':'";
    List<JsonNode> active = List.of(
        json("{'metadata':{'labels':{'app':'web','tier':'fe'}},'status':{'phase':'Running'"
            + readySince + "2026-12-06T06:59:00Z'}]}}"),
        json("{'metadata':{'labels':{'app':'web','tier':'fe'}},'status':{'phase':'Running'"
            + readySince + "2026-12-06T06:59:55Z'}]}}"),
        json("{'metadata':{'labels':{'app':'web'}},'status':{'phase':'Pending'}}"));

    JsonNode status = ReplicaStatus.of(RC, active, now);

    assertThat(status.toString()).isEqualTo("{\"replicas\":3,\"fullyLabeledReplicas\":2,"
        + "\"readyReplicas\":2,\"availableReplicas\":1,\"observedGeneration\":4}");
  }

  @Test
  void readyMeansTheReadyConditionNotTheRunningPhase() {
    List<JsonNode> active = List.of(
        json("{'status':{'phase':'Running','conditions':[{'type':'Ready','status':'False'}]}}"),
        json("{'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}}"));
    JsonNode status = ReplicaStatus.of(RC, active, Instant.EPOCH);
    assertThat(status.path("readyReplicas").asInt()).isEqualTo(1);
  }

  @Test
  void availableOnlyOnceReadyForLongerThanMinReadySeconds() {
    // Kubernetes' IsPodAvailable: lastTransitionTime + minReadySeconds < now, strictly
    JsonNode readySince = json("{'status':{'conditions':[{'type':'Ready','status':'True',"
        + "'lastTransitionTime':'2026-12-06T07:00:00Z'}]}}");
    Instant tenSecondsLater = Instant.parse("2026-12-06T07:00:10Z");
    assertThat(ReplicaStatus.of(RC, List.of(readySince), tenSecondsLater)
        .path("availableReplicas").asInt()).isZero();
    assertThat(ReplicaStatus.of(RC, List.of(readySince), tenSecondsLater.plusMillis(1))
        .path("availableReplicas").asInt()).isEqualTo(1);
  }

  @Test
  void finishedAndDeletingPodsAreNotActive() {
    assertThat(ReplicaStatus.isActive(json("{'status':{'phase':'Succeeded'}}"))).isFalse();
    assertThat(ReplicaStatus.isActive(json("{'status':{'phase':'Failed'}}"))).isFalse();
    assertThat(ReplicaStatus.isActive(json("{'metadata':{'deletionTimestamp':'x'}}"))).isFalse();
    assertThat(ReplicaStatus.isActive(json("{'status':{'phase':'Running'}}"))).isTrue();
  }
}
