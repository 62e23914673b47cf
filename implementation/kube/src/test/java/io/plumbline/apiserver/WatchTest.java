package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.Client;
import io.plumbline.apiserver.Api.Answer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Watch streams: event types, resume, compaction (410), selector transitions, bookmarks. */
class WatchTest extends ApiServerTestBase {
  private static final String MERGE = "application/merge-patch+json";

  @Test
  void addedModifiedDeletedInRevisionOrder() {
    String pods = podsIn("w-basic");
    String from = api.get(pods).text("metadata.resourceVersion");
    try (WatchClient watch = WatchClient.open(api, pods + "?watch=true&resourceVersion=" + from)) {
      api.post(pods, pod("p", "{}"));
      api.patch(pods + "/p", MERGE, json("{'metadata':{'labels':{'x':'y'}}}"));
      api.delete(pods + "/p", json("{}"));
      List<JsonNode> events = watch.awaitEvents(3);
      assertThat(watch.types()).containsExactly("ADDED", "MODIFIED", "DELETED");
      assertThat(events.get(1).path("object").path("metadata").path("labels").path("x").asText())
          .isEqualTo("y");
      assertThat(versions(events)).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void withoutResourceVersionTheCurrentObjectsComeFirstAsAdded() {
    String pods = podsIn("w-initial");
    api.post(pods, pod("a", "{}"));
    api.post(pods, pod("b", "{}"));
    try (WatchClient watch = WatchClient.open(api, pods + "?watch=1")) {
      watch.awaitEvents(2);
      api.post(pods, pod("c", "{}"));
      List<JsonNode> events = watch.awaitEvents(3);
      assertThat(watch.types()).containsExactly("ADDED", "ADDED", "ADDED");
      assertThat(events.stream().map(e -> e.at("/object/metadata/name").asText()))
          .containsExactly("a", "b", "c");
    }
  }

  @Test
  void resumingFromAResourceVersionReplaysExactlyTheLaterChanges() {
    String pods = podsIn("w-resume");
    Answer created = api.post(pods, pod("r", "{}"));
    api.patch(pods + "/r", MERGE, json("{'metadata':{'labels':{'n':'1'}}}"));
    api.patch(pods + "/r", MERGE, json("{'metadata':{'labels':{'n':'2'}}}"));
    try (WatchClient watch = WatchClient.open(api, pods + "?watch=true&resourceVersion="
        + created.text("metadata.resourceVersion"))) {
      List<JsonNode> events = watch.awaitEvents(2);
      assertThat(watch.types()).containsExactly("MODIFIED", "MODIFIED");
      assertThat(events.get(1).at("/object/metadata/labels/n").asText()).isEqualTo("2");
    }
  }

  @Test
  void watchingFromACompactedRevisionEndsWithA410ErrorEvent() throws Exception {
    String pods = podsIn("w-compact");
    Answer first = api.post(pods, pod("old", "{}"));
    for (int v = 2; v <= 4; v++) {
      api.patch(pods + "/old", MERGE, json("{'metadata':{'labels':{'v':'" + v + "'}}}"));
    }
    long now = Long.parseLong(api.get(pods).text("metadata.resourceVersion"));
    try (Client etcdClient = Client.builder().endpoints(store.clientUrls().toArray(String[]::new))
        .build()) {
      etcdClient.getKVClient().compact(now).get(10, TimeUnit.SECONDS);
    }
    try (WatchClient watch = WatchClient.open(api, pods + "?watch=true&resourceVersion="
        + first.text("metadata.resourceVersion"))) {
      JsonNode error = watch.awaitEvents(1).get(0);
      assertThat(error.path("type").asText()).isEqualTo("ERROR");
      assertThat(error.at("/object/kind").asText()).isEqualTo("Status");
      assertThat(error.at("/object/code").asInt()).isEqualTo(410);
      assertThat(error.at("/object/reason").asText()).isEqualTo("Expired");
      await().atMost(Duration.ofSeconds(10)).until(watch::ended);
    }
  }

  @Test
  void objectsEnteringAndLeavingTheSelectionAreAddedAndDeleted() {
    String pods = podsIn("w-select");
    String from = api.get(pods).text("metadata.resourceVersion");
    try (WatchClient watch = WatchClient.open(api, pods + "?watch=true&labelSelector=app%3Dx"
        + "&resourceVersion=" + from)) {
      api.post(pods, pod("s", "{'app':'other'}"));
      api.patch(pods + "/s", MERGE, json("{'metadata':{'labels':{'app':'x'}}}"));
      api.patch(pods + "/s", MERGE, json("{'metadata':{'labels':{'app':'gone'}}}"));
      api.post(pods, pod("t", "{'app':'x'}"));
      watch.awaitEvents(3);
      assertThat(watch.types()).containsExactly("ADDED", "DELETED", "ADDED");
    }
  }

  @Test
  void idleWatchesThatAllowBookmarksGetThemAndTheyFollowTheStoreRevision() {
    String pods = podsIn("w-bookmark");
    Answer created = api.post(pods, pod("b", "{}"));
    try (WatchClient watch = WatchClient.open(api, pods + "?watch=true&allowWatchBookmarks=true"
        + "&resourceVersion=" + created.text("metadata.resourceVersion"))) {
      JsonNode first = watch.awaitEvents(1).get(0);
      assertThat(first.path("type").asText()).isEqualTo("BOOKMARK");
      assertThat(Long.parseLong(first.at("/object/metadata/resourceVersion").asText()))
          .isGreaterThanOrEqualTo(Long.parseLong(created.text("metadata.resourceVersion")));
      // writes elsewhere move the store on; etcd's progress notifications carry that to the
      // bookmarks of a watch that saw none of them
      api.post("/api/v1/nodes", json("{'metadata':{'name':'elsewhere'}}"));
      long elsewhere = Long.parseLong(api.get("/api/v1/nodes").text("metadata.resourceVersion"));
      await().atMost(Duration.ofSeconds(15)).until(() -> watch.awaitEvents(1).stream()
          .filter(e -> e.path("type").asText().equals("BOOKMARK"))
          .anyMatch(e -> Long.parseLong(e.at("/object/metadata/resourceVersion").asText())
              >= elsewhere));
      assertThat(watch.types()).containsOnly("BOOKMARK");
    }
  }

  @Test
  void timeoutSecondsEndsTheStream() {
    String pods = podsIn("w-timeout");
    try (WatchClient watch = WatchClient.open(api, pods + "?watch=true&timeoutSeconds=1")) {
      await().atMost(Duration.ofSeconds(10)).until(watch::ended);
      assertThat(watch.status()).isEqualTo(200);
    }
  }

  private static List<Long> versions(List<JsonNode> events) {
    return events.stream()
        .map(e -> Long.parseLong(e.at("/object/metadata/resourceVersion").asText())).toList();
  }
}
