package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.Api.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API server's own duties: scheduling pods onto Ready nodes, keeping Endpoints current. */
@WithDuties
class DutiesTest extends ApiServerTestBase {
  private static final String MERGE = "application/merge-patch+json";

  @Test
  void pendingPodsAreSpreadOverReadyNodesAndBecomeRunning() {
    String ns = namespace("d-spread");
    for (int i = 0; i < 6; i++) {
      api.post(ns + "/pods", pod("p" + i, "{}"));
    }
    await().atMost(Duration.ofSeconds(15)).until(() ->
        items(api.get(ns + "/pods")).stream().allMatch(p -> text(p, "status.phase")
            .equals("Running")));
    List<String> nodes = new ArrayList<>();
    items(api.get(ns + "/pods")).forEach(p -> nodes.add(text(p, "spec.nodeName")));
    assertThat(nodes).containsOnly("node-1", "node-2", "node-3");
    assertThat(nodes.stream().distinct().count()).isEqualTo(3);
  }

  @Test
  void podsAreNeverBoundToNodesThatAreNotReady() {
    api.post("/api/v1/nodes", json("{'metadata':{'name':'sick'},'status':{'conditions':"
        + "[{'type':'Ready','status':'False'}]}}"));
    String ns = namespace("d-sick");
    for (int i = 0; i < 4; i++) {
      api.post(ns + "/pods", pod("p" + i, "{}"));
    }
    await().atMost(Duration.ofSeconds(15)).until(() -> items(api.get(ns + "/pods")).stream()
        .noneMatch(p -> text(p, "spec.nodeName").isEmpty()));
    assertThat(items(api.get("/api/v1/pods?fieldSelector=spec.nodeName%3Dsick"))).isEmpty();
  }

  @Test
  void endpointsFollowTheReadyPodsTheServiceSelects() {
    String ns = namespace("d-endpoints");
    api.post(ns + "/services", json("{'metadata':{'name':'web'},'spec':{'selector':"
        + "{'app':'web'},'ports':[{'name':'http','port':80,'targetPort':8080}]}}"));
    api.post(ns + "/pods", pod("web-a", "{'app':'web'}"));
    api.post(ns + "/pods", pod("web-b", "{'app':'web'}"));
    api.post(ns + "/pods", pod("db", "{'app':'db'}"));
    await().atMost(Duration.ofSeconds(15)).until(() -> targets(ns).size() == 2);
    assertThat(targets(ns)).containsExactlyInAnyOrder("web-a", "web-b");
    Answer endpoints = api.get(ns + "/endpoints/web");
    assertThat(endpoints.body().at("/subsets/0/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(endpoints.body().at("/subsets/0/ports/0/name").asText()).isEqualTo("http");

    api.delete(ns + "/pods/web-a", json("{}"));
    await().atMost(Duration.ofSeconds(15)).until(() -> targets(ns).equals(List.of("web-b")));

    api.delete(ns + "/services/web", json("{}"));
    await().atMost(Duration.ofSeconds(15)).until(() ->
        api.get(ns + "/endpoints/web").code() == 404);
  }

  @Test
  void aNodeThatStopsBeingReadyTakesItsPodsOutOfTheEndpoints() {
    api.post("/api/v1/nodes", json("{'metadata':{'name':'flaky'},'spec':{'unschedulable':false},"
        + "'status':{'conditions':[{'type':'Ready','status':'True'}]}}"));
    String ns = namespace("d-flaky");
    api.post(ns + "/services", json("{'metadata':{'name':'s'},'spec':{'selector':"
        + "{'app':'s'},'ports':[{'port':80}]}}"));
    var pinned = pod("pinned", "{'app':'s'}");
    ((com.fasterxml.jackson.databind.node.ObjectNode) pinned.get("spec")).put("nodeName", "flaky");
    api.post(ns + "/pods", pinned);
    api.patch("/api/v1/nodes/flaky/status", MERGE, json("{'status':{'conditions':"
        + "[{'type':'Ready','status':'False'}]}}"));
    await().atMost(Duration.ofSeconds(15)).until(() -> api.get(ns + "/endpoints/s").body()
        .at("/subsets/0/notReadyAddresses/0/targetRef/name").asText().equals("pinned"));
    assertThat(api.get(ns + "/endpoints/s").body().at("/subsets/0/addresses").isMissingNode())
        .isTrue();
  }

  private static List<String> targets(String ns) {
    List<String> names = new ArrayList<>();
    api.get(ns + "/endpoints/web").body().at("/subsets/0/addresses")
        .forEach(a -> names.add(a.at("/targetRef/name").asText()));
    return names;
  }

  private static List<JsonNode> items(Answer list) {
    List<JsonNode> items = new ArrayList<>();
    list.body().path("items").forEach(items::add);
    return items;
  }

  private static String text(JsonNode node, String path) {
    return io.plumbline.apiserver.api.Json.text(node, path);
  }
}
