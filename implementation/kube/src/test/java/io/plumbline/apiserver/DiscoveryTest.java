package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.Api.Answer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The documents kubectl reads before anything else, and the health endpoints. */
class DiscoveryTest extends ApiServerTestBase {
  /** Chaos records which API server served each request from this header (a load balancer hides it). */
  @Test
  void everyAnswerNamesTheApiServerThatGaveIt() throws Exception {
    for (String path : new String[] {"/version", "/api/v1/namespaces/default", "/api/v1/no-such-resource"}) {
      HttpResponse<String> r = api.client().send(HttpRequest.newBuilder(URI.create(api.base() + path)).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.headers().firstValue(io.plumbline.apiserver.http.ApiHttpServer.SERVED_BY)).as(path)
          .hasValue("127.0.0.1:" + server.port());
    }
  }


  @Test
  void coreResourcesListKindVerbsAndShortNames() {
    Answer v1 = api.get("/api/v1");
    assertThat(v1.text("kind")).isEqualTo("APIResourceList");
    JsonNode rc = find(v1.body(), "replicationcontrollers");
    assertThat(rc.path("kind").asText()).isEqualTo("ReplicationController");
    assertThat(rc.path("namespaced").asBoolean()).isTrue();
    assertThat(rc.path("shortNames").get(0).asText()).isEqualTo("rc");
    assertThat(rc.path("verbs").toString()).contains("watch", "patch");
    JsonNode scale = find(v1.body(), "replicationcontrollers/scale");
    assertThat(scale.path("group").asText()).isEqualTo("autoscaling");
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(find(v1.body(), "nodes").path("namespaced").asBoolean()).isFalse();
    JsonNode binding = find(v1.body(), "pods/binding");
    assertThat(binding.path("kind").asText()).isEqualTo("Binding");
    assertThat(binding.path("verbs").toString()).isEqualTo("[\"create\"]");
  }

  @Test
  void groupsAndVersions() {
    assertThat(api.get("/api").body().path("versions").get(0).asText()).isEqualTo("v1");
    assertThat(api.get("/apis").body().at("/groups/0/name").asText())
        .isEqualTo("coordination.k8s.io");
    JsonNode leases = find(api.get("/apis/coordination.k8s.io/v1").body(), "leases");
    assertThat(leases.path("kind").asText()).isEqualTo("Lease");
    assertThat(api.get("/version").text("major")).isEqualTo("1");
    assertThat(api.get("/apis/apps/v1").code()).isEqualTo(404);
    assertThat(api.get("/api/v1/widgets").code()).isEqualTo(404);
  }

  @Test
  void openApiV2IsJsonAndV3ListsTheServedGroupVersions() throws Exception {
    HttpResponse<byte[]> v2 = api.client().send(HttpRequest.newBuilder(
        URI.create(api.base() + "/openapi/v2")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(v2.statusCode()).isEqualTo(200);
    assertThat(v2.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(api.get("/openapi/v3").body().path("paths").has("api/v1")).isTrue();
  }

  @Test
  void healthAndReadinessCheckTheStore() {
    assertThat(api.get("/healthz").code()).isEqualTo(200);
    assertThat(api.get("/readyz").code()).isEqualTo(200);
  }

  private static JsonNode find(JsonNode resourceList, String name) {
    for (JsonNode r : resourceList.path("resources")) {
      if (r.path("name").asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError(name + " missing from " + resourceList);
  }
}
