package io.plumbline.apiserver.duties;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Conditions;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import io.plumbline.apiserver.store.StoreEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kubelet's rule the scheduler duty plays: a pod is never Ready before it is bound, and never
 * Ready while its node is not. Checked on every version of every pod the store ever held
 * ({@link InMemoryObjectStore#history()}), against its node as it was at that same revision, so a
 * pass that starts a pod Ready on a NotReady node and corrects it on the next pass is seen, though
 * no read after the second pass could tell. After each pass, also, no pod is left Ready on a node
 * that is not.
 */
class SchedulerReadinessTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final ObjectService objects =
      new ObjectService(store, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(7));
  private final Scheduler scheduler =
      new Scheduler(objects, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(7), true);

  private void node(String name, boolean ready) {
    objects.create(Resources.NODES, null, json("{'metadata':{'name':'" + name + "'},'status':"
        + "{'conditions':[{'type':'Ready','status':'" + (ready ? "True" : "False") + "'}],"
        + "'addresses':[{'type':'InternalIP','address':'10.0.0.1'}]}}"), WriteFence.NONE);
  }

  private void setNodeReady(String name, boolean ready) {
    TestObjects.setReady(objects, name, ready);
  }

  private void pod(String name, String nodeName) {
    ObjectNode pod = json("{'metadata':{'name':'" + name + "'},'spec':{'containers':"
        + "[{'name':'c','image':'nginx'}]}}");
    if (nodeName != null) {
      ((ObjectNode) pod.get("spec")).put("nodeName", nodeName);
    }
    objects.create(Resources.PODS, "default", pod, WriteFence.NONE);
  }

  /** Runs one pass, then checks the rule over the whole history and the state it left. */
  private void pass() {
    scheduler.run();
    assertThat(readyVersionsOnNodesNotReady()).isEmpty();
    for (JsonNode pod : objects.list(Resources.PODS, "default",
        io.plumbline.apiserver.api.LabelSelector.EVERYTHING,
        io.plumbline.apiserver.api.FieldSelector.EVERYTHING).get("items")) {
      String nodeName = Json.text(pod, "spec.nodeName");
      boolean nodeReady = !nodeName.isEmpty() && objects.find(Resources.NODES, null, nodeName)
          .map(n -> Conditions.isTrue(n, "Ready")).orElse(false);
      assertThat(Conditions.isTrue(pod, "Ready"))
          .as("pod %s on %s after a pass", Json.text(pod, "metadata.name"), nodeName)
          .isEqualTo(nodeReady && !Json.text(pod, "status.podIP").isEmpty());
    }
  }

  /**
   * Every pod version (every write of a pod, at its revision) that says Ready while it is unbound
   * or while its node, at that revision, is absent or not Ready.
   */
  private List<String> readyVersionsOnNodesNotReady() {
    List<String> wrong = new ArrayList<>();
    for (StoreEvent e : store.history()) {
      if (!e.key().startsWith(Resources.PODS.prefix(null)) || e.current() == null) {
        continue;
      }
      JsonNode pod = Json.parse(e.current());
      if (!Conditions.isTrue(pod, "Ready")) {
        continue;
      }
      String nodeName = Json.text(pod, "spec.nodeName");
      boolean nodeReady = !nodeName.isEmpty()
          && store.at(Resources.NODES.key(null, nodeName), e.revision())
              .map(n -> Conditions.isTrue(Json.parse(n), "Ready")).orElse(false);
      if (!nodeReady) {
        wrong.add(Json.text(pod, "metadata.name") + " Ready at revision " + e.revision()
            + " on node '" + nodeName + "'");
      }
    }
    return wrong;
  }

  @Test
  void aPodIsNeverReadyUnboundOrOnANodeThatIsNotReady() {
    objects.bootstrapNamespaces();
    node("up", true);
    node("down", false);
    pod("pending", null);
    pod("pinned-up", "up");
    pod("pinned-down", "down");
    pod("pinned-nowhere", "ghost");
    pass();
    setNodeReady("up", false);
    pass();
    setNodeReady("down", true);
    pass();
    setNodeReady("up", true);
    pod("late", null);
    pass();
    pass();

    List<String> readyPods = new ArrayList<>();
    for (StoreEvent e : store.history()) {
      if (e.current() != null && e.key().startsWith(Resources.PODS.prefix(null))
          && Conditions.isTrue(Json.parse(e.current()), "Ready")) {
        readyPods.add(Json.text(Json.parse(e.current()), "metadata.name"));
      }
    }
    assertThat(readyPods).as("not vacuous: pods did become Ready")
        .contains("pending", "pinned-up", "pinned-down", "late")
        .doesNotContain("pinned-nowhere");
  }
}
