package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.Api.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Lists with label and field selectors, and the list's resourceVersion. */
class ListAndSelectorTest extends ApiServerTestBase {
  private static final String PODS = "/api/v1/namespaces/default/pods";

  @BeforeParameterizedClassInvocation(injectArguments = false)
  static void seed() {
    api.post(PODS, pod("web-1", "{'app':'web','tier':'front'}"));
    api.post(PODS, pod("web-2", "{'app':'web','tier':'back'}"));
    api.post(PODS, pod("db-1", "{'app':'db'}"));
    api.post(PODS, pod("bare", "{}"));
    var bound = pod("bound", "{'app':'db'}");
    ((com.fasterxml.jackson.databind.node.ObjectNode) bound.get("spec")).put("nodeName", "n1");
    api.post(PODS, bound);
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'other'}}"));
    api.post("/api/v1/namespaces/other/pods", pod("web-9", "{'app':'web'}"));
  }

  @Test
  void equalityAndInequality() {
    assertThat(names("labelSelector", "app=web")).containsExactly("web-1", "web-2");
    assertThat(names("labelSelector", "app==web")).containsExactly("web-1", "web-2");
    assertThat(names("labelSelector", "app!=web")).containsExactly("bare", "bound", "db-1");
    assertThat(names("labelSelector", "app=web,tier=back")).containsExactly("web-2");
  }

  @Test
  void setBasedRequirements() {
    assertThat(names("labelSelector", "app in (db, web)"))
        .containsExactly("bound", "db-1", "web-1", "web-2");
    assertThat(names("labelSelector", "tier notin (front)"))
        .containsExactly("bare", "bound", "db-1", "web-2");
    assertThat(names("labelSelector", "tier")).containsExactly("web-1", "web-2");
    assertThat(names("labelSelector", "!app")).containsExactly("bare");
    assertThat(names("labelSelector", "app in (web),tier notin (back)")).containsExactly("web-1");
  }

  @Test
  void fieldSelectorsOnNameNamespaceAndNodeName() {
    assertThat(names("fieldSelector", "metadata.name=db-1")).containsExactly("db-1");
    assertThat(names("fieldSelector", "spec.nodeName=n1")).containsExactly("bound");
    assertThat(names("fieldSelector", "spec.nodeName=")).doesNotContain("bound").hasSize(4);
    Answer all = api.get("/api/v1/pods?fieldSelector="
        + URLEncoder.encode("metadata.namespace=other", StandardCharsets.UTF_8));
    assertThat(items(all)).containsExactly("web-9");
  }

  @Test
  void listAcrossNamespacesAndTheListResourceVersionIsTheStoreRevision() {
    Answer all = api.get("/api/v1/pods");
    assertThat(all.text("kind")).isEqualTo("PodList");
    assertThat(items(all)).hasSize(6);
    long listVersion = Long.parseLong(all.text("metadata.resourceVersion"));
    for (JsonNode item : all.body().get("items")) {
      assertThat(Long.parseLong(item.path("metadata").path("resourceVersion").asText()))
          .isLessThanOrEqualTo(listVersion);
    }
    api.post("/api/v1/nodes", json("{'metadata':{'name':'bumps-the-revision'}}"));
    assertThat(Long.parseLong(api.get("/api/v1/pods").text("metadata.resourceVersion")))
        .isGreaterThan(listVersion);
  }

  @Test
  void aMalformedSelectorIsA400() {
    Answer bad = api.get(PODS + "?labelSelector="
        + URLEncoder.encode("app in web", StandardCharsets.UTF_8));
    assertThat(bad.code()).isEqualTo(400);
    assertThat(bad.text("reason")).isEqualTo("BadRequest");
    assertThat(api.get(PODS + "?fieldSelector=nonsense").code()).isEqualTo(400);
  }

  private static List<String> names(String param, String selector) {
    return items(api.get(PODS + "?" + param + "="
        + URLEncoder.encode(selector, StandardCharsets.UTF_8)));
  }

  private static List<String> items(Answer list) {
    assertThat(list.code()).as(list.body().toString()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    list.body().get("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
    return names;
  }
}
