package io.plumbline.apiserver.duties;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduling and endpoints rules on hand-made objects (no API server): a cordoned node gets no
 * pod, each binding counts for the next choice, a pod being deleted is never scheduled, and a service's Endpoints hold only pods of its
 * own namespace, the Ready ones under addresses and the others under notReadyAddresses.
 */
class PlacementAndEndpointsTest {

  private static JsonNode node(String name, boolean ready, boolean unschedulable) {
    return json("{'metadata':{'name':'" + name + "'},'spec':{'unschedulable':" + unschedulable
        + "},'status':{'conditions':[{'type':'Ready','status':'" + (ready ? "True" : "False")
        + "'}]}}");
  }

  private static JsonNode pod(String ns, String name, String ip, boolean ready) {
    return json("{'metadata':{'namespace':'" + ns + "','name':'" + name + "','labels':"
        + "{'app':'web'}},'spec':{'nodeName':'n1'},'status':{'podIP':'" + ip + "',"
        + "'conditions':[{'type':'PodScheduled','status':'True'},{'type':'Ready','status':'"
        + (ready ? "True" : "False") + "'}]}}");
  }

  private static List<String> ips(JsonNode subsets, String field) {
    List<String> ips = new ArrayList<>();
    subsets.path(0).path(field).forEach(a -> ips.add(a.path("ip").asText()));
    return ips;
  }

  @Test
  void aCordonedNodeGetsNoPodEvenWhenItIsTheLeastLoaded() {
    JsonNode nodes = Json.MAPPER.createArrayNode()
        .add(node("a-cordoned", true, true)).add(node("b", true, false));
    JsonNode pods = Json.MAPPER.createArrayNode()
        .add(json("{'metadata':{'name':'x'},'spec':{'nodeName':'b'}}"));
    Placement placement = Placement.of(nodes, pods);
    assertThat(placement.choose()).isEqualTo("b");
    JsonNode onlyCordoned = Json.MAPPER.createArrayNode().add(node("a-cordoned", true, true));
    assertThat(Placement.of(onlyCordoned, Json.MAPPER.createArrayNode()).choose()).isNull();
  }

  /**
   * Only a node whose Ready condition is True takes pods: kube-scheduler keeps pods off a node
   * whose Ready is Unknown (the node controller taints it {@code node.kubernetes.io/unreachable})
   * or missing ({@code not-ready}), not just off one that says False.
   */
  @Test
  void aNodeWhoseReadinessIsUnknownOrMissingGetsNoPod() {
    JsonNode unknown = json("{'metadata':{'name':'a-unknown'},'status':{'conditions':"
        + "[{'type':'Ready','status':'Unknown'}]}}");
    JsonNode silent = json("{'metadata':{'name':'b-silent'},'status':{}}");
    JsonNode nodes = Json.MAPPER.createArrayNode().add(unknown).add(silent)
        .add(node("c", true, false));
    JsonNode pods = Json.MAPPER.createArrayNode()
        .add(json("{'metadata':{'name':'x'},'spec':{'nodeName':'c'}}"));
    assertThat(Placement.of(nodes, pods).choose()).isEqualTo("c");
    assertThat(Placement.of(Json.MAPPER.createArrayNode().add(unknown).add(silent),
        Json.MAPPER.createArrayNode()).choose()).isNull();
  }

  /**
   * kube-scheduler's pod informer leaves finished pods out ({@code status.phase!=Succeeded,
   * status.phase!=Failed}): a node's load is the pods still running there, so a node full of
   * completed jobs is the least loaded one.
   */
  @Test
  void finishedPodsAreNoLoad() {
    JsonNode nodes = Json.MAPPER.createArrayNode()
        .add(node("a", true, false)).add(node("b", true, false));
    JsonNode pods = Json.MAPPER.createArrayNode()
        .add(json("{'metadata':{'name':'done'},'spec':{'nodeName':'a'},"
            + "'status':{'phase':'Succeeded'}}"))
        .add(json("{'metadata':{'name':'crashed'},'spec':{'nodeName':'a'},"
            + "'status':{'phase':'Failed'}}"))
        .add(json("{'metadata':{'name':'busy'},'spec':{'nodeName':'b'},"
            + "'status':{'phase':'Running'}}"));
    assertThat(Placement.of(nodes, pods).choose()).isEqualTo("a");
  }

  @Test
  void aPodBeingDeletedIsNeverScheduled() {
    assertThat(Placement.pending(json("{'metadata':{'name':'x'},'spec':{}}"))).isTrue();
    assertThat(Placement.pending(json("{'metadata':{'name':'x',"
        + "'deletionTimestamp':'1970-01-01T00:00:01Z'},'spec':{}}"))).isFalse();
    assertThat(Placement.pending(json("{'metadata':{'name':'x'},'spec':{'nodeName':'b'}}")))
        .isFalse();
  }

  @Test
  void eachBindingCountsForTheNextChoice() {
    JsonNode nodes = Json.MAPPER.createArrayNode()
        .add(node("a", true, false)).add(node("b", true, false)).add(node("c", true, false));
    Placement placement = Placement.of(nodes, Json.MAPPER.createArrayNode());
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String n = placement.choose();
      chosen.add(n);
      placement.placed(n);
    }
    assertThat(chosen).containsExactly("a", "b", "c", "a", "b", "c");
  }

  @Test
  void endpointsHoldOnlyTheServicesNamespaceSplitByReadiness() {
    JsonNode service = json("{'metadata':{'namespace':'shop','name':'web'},'spec':{'selector':"
        + "{'app':'web'},'ports':[{'port':80}]}}");
    JsonNode pods = Json.MAPPER.createArrayNode()
        .add(pod("shop", "ready", "10.0.0.1", true))
        .add(pod("shop", "starting", "10.0.0.2", false))
        .add(pod("elsewhere", "same-labels", "10.0.0.3", true));
    JsonNode subsets = EndpointsController.desiredSubsets(service,
        LabelSelector.ofMap(Map.of("app", "web")), pods);
    assertThat(ips(subsets, "addresses")).containsExactly("10.0.0.1");
    assertThat(ips(subsets, "notReadyAddresses")).containsExactly("10.0.0.2");
  }

  private static JsonNode podWithPorts(String name, String ip, String ports) {
    JsonNode pod = pod("shop", name, ip, true);
    ((com.fasterxml.jackson.databind.node.ObjectNode) pod.get("spec")).set("containers",
        json("{'containers':[{'name':'c','image':'nginx','ports':" + ports + "}]}")
            .get("containers"));
    return pod;
  }

  /**
   * Kubernetes' endpoints controller resolves a named {@code targetPort} on each pod
   * ({@code FindPort}: the container port of that name and the service port's protocol), leaves
   * out a pod that has no such port, and groups pods by the ports they resolved to
   * ({@code RepackSubsets}): one subset per distinct port list.
   */
  @Test
  void aNamedTargetPortIsResolvedPerPodAndAPodWithoutItIsLeftOut() {
    JsonNode service = json("{'metadata':{'namespace':'shop','name':'web'},'spec':{'selector':"
        + "{'app':'web'},'ports':[{'name':'web','port':80,'targetPort':'http',"
        + "'protocol':'TCP'}]}}");
    JsonNode pods = Json.MAPPER.createArrayNode()
        .add(podWithPorts("a", "10.0.0.1", "[{'name':'http','containerPort':8080}]"))
        .add(podWithPorts("b", "10.0.0.2", "[{'name':'http','containerPort':9090,"
            + "'protocol':'TCP'}]"))
        .add(podWithPorts("c", "10.0.0.3", "[{'name':'metrics','containerPort':8080}]"))
        .add(podWithPorts("d", "10.0.0.4", "[{'name':'http','containerPort':7070,"
            + "'protocol':'UDP'}]"))
        .add(podWithPorts("e", "10.0.0.5", "[{'name':'http','containerPort':8080}]"));
    JsonNode subsets = EndpointsController.desiredSubsets(service,
        LabelSelector.ofMap(Map.of("app", "web")), pods);
    assertThat(subsets).hasSize(2);
    assertThat(ips(subsets, "addresses")).containsExactly("10.0.0.1", "10.0.0.5");
    assertThat(subsets.at("/0/ports").toString())
        .isEqualTo("[{\"name\":\"web\",\"port\":8080,\"protocol\":\"TCP\"}]");
    assertThat(subsets.at("/1/addresses/0/ip").asText()).isEqualTo("10.0.0.2");
    assertThat(subsets.at("/1/addresses")).hasSize(1);
    assertThat(subsets.at("/1/ports/0/port").asInt()).isEqualTo(9090);

    JsonNode slice = EndpointSlices.content(service, EndpointsController.backends(service,
        LabelSelector.ofMap(Map.of("app", "web")), pods));
    assertThat(slice.at("/ports/0/port").asInt()).as("the port most pods resolve to")
        .isEqualTo(8080);
    assertThat(slice.at("/endpoints")).extracting(e -> e.at("/addresses/0").asText())
        .containsExactly("10.0.0.1", "10.0.0.5");
  }

  /**
   * Kubernetes' {@code FindPort} looks for a named {@code targetPort} in the pod's containers and
   * then in its sidecars only: init containers with {@code restartPolicy: Always}, which keep
   * running. A plain init container has exited before the pod is Ready, so its ports serve
   * nothing and a pod whose only port of that name is on one is left out.
   */
  @Test
  void aNamedTargetPortIsFoundOnSidecarsButNotOnInitContainersThatExit() {
    JsonNode service = json("{'metadata':{'namespace':'shop','name':'web'},'spec':{'selector':"
        + "{'app':'web'},'ports':[{'port':80,'targetPort':'http','protocol':'TCP'}]}}");
    JsonNode sidecar = podWithPorts("sidecar", "10.0.0.1", "[]");
    JsonNode init = podWithPorts("init", "10.0.0.2", "[]");
    ((com.fasterxml.jackson.databind.node.ObjectNode) sidecar.get("spec")).set("initContainers",
        json("{'c':[{'name':'proxy','image':'envoy','restartPolicy':'Always','ports':"
            + "[{'name':'http','containerPort':15001}]}]}").get("c"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) init.get("spec")).set("initContainers",
        json("{'c':[{'name':'setup','image':'busybox','ports':"
            + "[{'name':'http','containerPort':15001}]}]}").get("c"));
    JsonNode subsets = EndpointsController.desiredSubsets(service,
        LabelSelector.ofMap(Map.of("app", "web")),
        Json.MAPPER.createArrayNode().add(sidecar).add(init));
    assertThat(subsets).hasSize(1);
    assertThat(ips(subsets, "addresses")).containsExactly("10.0.0.1");
    assertThat(subsets.at("/0/ports/0/port").asInt()).isEqualTo(15001);
  }

  /**
   * Kubernetes' {@code ShouldPodBeInEndpoints}: a pod without an IP yet (not started) is behind
   * the service neither as ready nor as not ready, and not in the slice.
   */
  @Test
  void aPodWithoutAnIpIsInNoAddressListNorTheSlice() {
    JsonNode service = json("{'metadata':{'namespace':'shop','name':'web'},'spec':{'selector':"
        + "{'app':'web'},'ports':[{'port':80}]}}");
    JsonNode pods = Json.MAPPER.createArrayNode()
        .add(pod("shop", "ready", "10.0.0.1", true))
        .add(pod("shop", "unstarted-a", "", false))
        .add(pod("shop", "unstarted-b", "", false));
    LabelSelector selector = LabelSelector.ofMap(Map.of("app", "web"));
    JsonNode subsets = EndpointsController.desiredSubsets(service, selector, pods);
    assertThat(subsets).hasSize(1);
    assertThat(ips(subsets, "addresses")).containsExactly("10.0.0.1");
    assertThat(subsets.path(0).has("notReadyAddresses")).isFalse();
    assertThat(EndpointSlices.content(service, EndpointsController.backends(service, selector,
        pods)).at("/endpoints")).hasSize(1);
  }
}
