package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.Client;
import io.plumbline.apiserver.Api.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * List semantics as kube-apiserver's: {@code limit}/{@code continue} pages read at one revision
 * (a consistent snapshot), {@code resourceVersion}/{@code resourceVersionMatch} rules, 410 for
 * compacted revisions and continue tokens, 400 for malformed versions and for field labels the
 * resource does not have; and {@code kubectl get --chunk-size=2} paging through it.
 */
class ListPagingTest extends ApiServerTestBase {
  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("items").forEach(i -> names.add(i.at("/metadata/name").asText()));
    return names;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Follows continue tokens from {@code first}; every page must carry the first page's rv. */
  private static List<String> allPages(String path, Answer first) {
    List<String> names = new ArrayList<>(names(first.body()));
    String rv = first.text("metadata.resourceVersion");
    String token = first.text("metadata.continue");
    while (!token.isEmpty()) {
      Answer page = api.get(path + (path.contains("?") ? "&" : "?") + "limit=2&continue="
          + enc(token));
      assertThat(page.code()).as(page.body().toString()).isEqualTo(200);
      assertThat(page.text("metadata.resourceVersion")).isEqualTo(rv);
      names.addAll(names(page.body()));
      token = page.text("metadata.continue");
    }
    return names;
  }

  private static void compact() throws Exception {
    long now = Long.parseLong(api.get("/api/v1/namespaces").text("metadata.resourceVersion"));
    try (Client etcd = Client.builder().endpoints(store.clientUrls().toArray(String[]::new))
        .build()) {
      etcd.getKVClient().compact(now).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void pagesAreOneConsistentSnapshotEvenWhenObjectsChangeBetweenThem() {
    String pods = podsIn("paging");
    for (String n : List.of("a", "b", "c", "d", "e")) {
      api.post(pods, pod(n, "{'app':'" + (n.compareTo("c") <= 0 ? "x" : "y") + "'}"));
    }
    Answer first = api.get(pods + "?limit=2");
    assertThat(names(first.body())).containsExactly("a", "b");
    assertThat(first.text("metadata.continue")).isNotEmpty();
    api.post(pods, pod("f", "{}"));
    api.delete(pods + "/e", json("{}"));
    assertThat(allPages(pods, first)).containsExactly("a", "b", "c", "d", "e");
    Answer selected = api.get(pods + "?limit=2&labelSelector=app%3Dy");
    assertThat(allPages(pods + "?labelSelector=app%3Dy", selected)).containsExactly("d");
    assertThat(names(api.get(pods + "?limit=10").body())).containsExactly("a", "b", "c", "d",
        "f");
  }

  @Test
  void anExactResourceVersionListsThePastUntilItIsCompacted() throws Exception {
    String pods = podsIn("exact");
    api.post(pods, pod("gone-later", "{}"));
    api.post(pods, pod("kept", "{}"));
    Answer then = api.get(pods);
    Answer paged = api.get(pods + "?limit=1");
    assertThat(paged.text("metadata.continue")).isNotEmpty();
    api.post(pods, pod("second", "{}"));
    api.delete(pods + "/gone-later", json("{}"));
    Answer past = api.get(pods + "?resourceVersionMatch=Exact&resourceVersion="
        + then.text("metadata.resourceVersion"));
    assertThat(past.code()).isEqualTo(200);
    assertThat(names(past.body())).containsExactly("gone-later", "kept");
    assertThat(past.text("metadata.resourceVersion")).isEqualTo(then.text("metadata.resourceVersion"));
    Answer future = api.get(pods + "?resourceVersion=999999999");
    assertThat(future.code()).isEqualTo(504);

    compact();

    Answer expired = api.get(pods + "?resourceVersionMatch=Exact&resourceVersion="
        + then.text("metadata.resourceVersion"));
    assertThat(expired.code()).isEqualTo(410);
    assertThat(expired.text("reason")).isEqualTo("Expired");
    Answer staleToken = api.get(pods + "?limit=1&continue=" + enc(paged.text("metadata.continue")));
    assertThat(staleToken.code()).isEqualTo(410);
    assertThat(api.get(pods + "?resourceVersion=" + then.text("metadata.resourceVersion"))
        .code()).isEqualTo(200);
  }

  @Test
  void malformedVersionsOptionsAndTokensAreRefused() {
    String pods = "/api/v1/namespaces/default/pods";
    assertThat(api.get(pods + "?resourceVersion=abc").code()).isEqualTo(400);
    assertThat(api.get(pods + "?resourceVersion=-1").code()).isEqualTo(400);
    assertThat(api.get(pods + "?limit=two").code()).isEqualTo(400);
    assertThat(api.get(pods + "?continue=bm9wZQ").code()).isEqualTo(400);
    Answer noVersion = api.get(pods + "?resourceVersionMatch=Exact");
    assertThat(noVersion.code()).isEqualTo(422);
    assertThat(noVersion.text("message")).startsWith("ListOptions.meta.k8s.io \"\" is invalid");
    assertThat(api.get(pods + "?resourceVersionMatch=Exact&resourceVersion=0").code())
        .isEqualTo(422);
    assertThat(api.get(pods + "?resourceVersionMatch=Newest&resourceVersion=1").code())
        .isEqualTo(422);
    assertThat(api.get(pods + "?watch=true&resourceVersion=-5").code()).isEqualTo(400);
    assertThat(api.get(pods + "?watch=true&resourceVersion=abc").code()).isEqualTo(400);
  }

  @Test
  void fieldSelectorsAreCheckedAgainstTheResourcesLabels() {
    Answer bogus = api.get("/api/v1/pods?fieldSelector=" + enc("spec.bogus=1"));
    assertThat(bogus.code()).isEqualTo(400);
    assertThat(bogus.text("reason")).isEqualTo("BadRequest");
    assertThat(bogus.text("message")).isEqualTo("field label not supported: spec.bogus");
    assertThat(api.get("/api/v1/nodes?fieldSelector=" + enc("status.phase=Running")).code())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/pods?watch=true&fieldSelector=" + enc("spec.bogus=1")).code())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/pods?fieldSelector=" + enc("spec.nodeName=,status.phase!=Failed"))
        .code()).isEqualTo(200);
    assertThat(api.get("/api/v1/nodes?fieldSelector=" + enc("spec.unschedulable=false")).code())
        .isEqualTo(200);
  }

  @Test
  void kubectlGetPagesWithChunkSize(@TempDir Path dir) throws Exception {
    String pods = podsIn("chunks");
    for (int i = 1; i <= 5; i++) {
      api.post(pods, pod("c" + i, "{}"));
    }
    Kubectl kubectl = new Kubectl(dir, server.port());
    Kubectl.Result got = kubectl.run("-n", "chunks", "get", "pods", "--chunk-size=2", "-v=6");
    assertThat(got.exitCode()).as(got.out()).isZero();
    assertThat(got.out()).contains("c1", "c2", "c3", "c4", "c5");
    assertThat(got.out().lines().filter(l -> l.contains("GET") && l.contains("limit=2")))
        .hasSize(3);
    assertThat(got.out().lines().filter(l -> l.contains("continue="))).hasSize(2);
  }
}
