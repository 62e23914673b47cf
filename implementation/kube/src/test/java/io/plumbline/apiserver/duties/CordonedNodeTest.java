package io.plumbline.apiserver.duties;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Conditions;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A cordon ({@code spec.unschedulable: true}, {@code kubectl cordon}) is the scheduler's business
 * only: no new pod is placed on the node, but the kubelet, which this duty plays, keeps running
 * the pods it has and starts a pod whose author named the node ({@code spec.nodeName} set, so no
 * scheduler is involved); the pods stay Ready while the node is Ready.
 */
class CordonedNodeTest {
  private final ObjectService objects = new ObjectService(new InMemoryObjectStore(),
      Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(5));
  private final Scheduler scheduler =
      new Scheduler(objects, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(5), true);

  private void pod(String name, String nodeName) {
    ObjectNode pod = json("{'metadata':{'name':'" + name + "'},'spec':{'containers':"
        + "[{'name':'c','image':'nginx'}]}}");
    if (nodeName != null) {
      ((ObjectNode) pod.get("spec")).put("nodeName", nodeName);
    }
    objects.create(Resources.PODS, "default", pod, WriteFence.NONE);
  }

  private ObjectNode get(String pod) {
    return objects.get(Resources.PODS, "default", pod);
  }

  @Test
  void aCordonedNodeKeepsItsPodsReadyAndStartsOnesBoundToItByName() {
    objects.bootstrapNamespaces();
    TestObjects.node(objects, "n1", true);
    pod("running", "n1");
    scheduler.run();
    assertThat(Conditions.isTrue(get("running"), "Ready")).isTrue();

    objects.mutate(Resources.NODES, null, "n1", "", n -> {
      Json.child(n, "spec").put("unschedulable", true);
      return n;
    }, WriteFence.NONE);
    pod("named", "n1");
    pod("pending", null);
    scheduler.run();

    assertThat(Conditions.isTrue(get("running"), "Ready")).as("a running pod").isTrue();
    assertThat(Json.text(get("named"), "status.podIP")).as("a pod bound by its author")
        .isNotEmpty();
    assertThat(Conditions.isTrue(get("named"), "Ready")).isTrue();
    assertThat(Json.text(get("pending"), "spec.nodeName")).as("no new pod placed").isEmpty();
  }
}
