package io.plumbline.apiserver.duties;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The node heartbeat's purpose: a node's Lease is renewed only while the node is Ready, so a
 * NotReady node's lease ages as a dead kubelet's does (and a node that was never Ready has none);
 * once Ready again it is renewed again. Passes at explicit instants over an in-memory store.
 */
class NodeHeartbeatsTest {
  private final ObjectService objects = new ObjectService(new InMemoryObjectStore(),
      Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(5));

  private void node(String name, boolean ready) {
    TestObjects.node(objects, name, ready);
  }

  private void setReady(String name, boolean ready) {
    TestObjects.setReady(objects, name, ready);
  }

  private void passAt(int second) {
    new NodeHeartbeats(objects, Clock.fixed(Instant.ofEpochSecond(second), ZoneOffset.UTC)).run();
  }

  private Optional<String> renewTime(String node) {
    return objects.find(Resources.LEASES, NodeHeartbeats.NAMESPACE, node)
        .map(l -> Json.text(l, "spec.renewTime"));
  }

  @Test
  void onlyAReadyNodesLeaseIsRenewed() {
    objects.bootstrapNamespaces();
    node("up", true);
    node("down", false);
    passAt(0);
    assertThat(renewTime("up")).contains("1970-01-01T00:00:00.000000Z");
    assertThat(renewTime("down")).as("a node never Ready has no heartbeat").isEmpty();

    passAt(10);
    assertThat(renewTime("up")).contains("1970-01-01T00:00:10.000000Z");
    setReady("up", false);
    passAt(20);
    assertThat(renewTime("up")).as("a NotReady node's lease ages")
        .contains("1970-01-01T00:00:10.000000Z");
    setReady("up", true);
    passAt(30);
    assertThat(renewTime("up")).contains("1970-01-01T00:00:30.000000Z");
  }
}
