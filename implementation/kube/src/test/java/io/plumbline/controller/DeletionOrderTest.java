package io.plumbline.controller;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which surplus pods a scale-down deletes first, as Kubernetes ranks them: unscheduled, then not
 * running, then the newest; so the oldest running pod is the last to go.
 */
class DeletionOrderTest {
  private static JsonNode pod(String name, String node, String phase, long resourceVersion) {
    return json("{'metadata':{'name':'" + name + "','resourceVersion':'" + resourceVersion
        + "'},'spec':{'nodeName':'" + node + "'},'status':{'phase':'" + phase + "'}}");
  }

  @Test
  void unscheduledThenNotRunningThenNewestGoFirst() {
    List<JsonNode> pods = new ArrayList<>(List.of(
        pod("old-running", "n1", "Running", 5),
        pod("new-running", "n2", "Running", 9),
        pod("pending-on-node", "n1", "Pending", 3),
        pod("unscheduled", "", "Pending", 1)));
    pods.sort(ReplicationManager.DELETION_ORDER);
    assertThat(pods.stream().map(p -> Json.text(p, "metadata.name")))
        .containsExactly("unscheduled", "pending-on-node", "new-running", "old-running");
  }
}
