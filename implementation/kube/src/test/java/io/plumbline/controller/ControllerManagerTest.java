package io.plumbline.controller;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.OneMemberApiServer;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.http.Fencing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Controller managers against a real API server on real etcd: replication converges, one
 * instance leads, a standby takes over from a killed leader, and a deposed leader's writes are
 * fenced off (or, with fencing off, land).
 */
class ControllerManagerTest {
  static OneMemberApiServer cluster;
  static String base;
  static ApiClient plain;

  @BeforeAll
  static void start() throws Exception {
    cluster = OneMemberApiServer.start();
    base = cluster.url();
    plain = cluster.client();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static ControllerManager manager(String identity, String lease, boolean fencing) {
    return TestControllerManagers.start(base, lease, identity, fencing);
  }

  private static ObjectNode rc(String name, int replicas) {
    return json("{'metadata':{'name':'" + name + "'},'spec':{'replicas':" + replicas
        + ",'selector':{'app':'" + name + "'},'template':{'metadata':{'labels':"
        + "{'app':'" + name + "'}},'spec':{'containers':[{'name':'c','image':'busybox'}]}}}}");
  }

  private static int podsOf(String ns, String app) {
    return plain.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=app%3D" + app).body()
        .path("items").size();
  }

  private static void namespace(String ns) {
    plain.create("/api/v1/namespaces", (ObjectNode) Json.parse(
        ("{\"metadata\":{\"name\":\"" + ns + "\"}}").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void replicationConvergesOnScaleUpAndDownAndRecordsStatus() {
    namespace("cm-converge");
    try (ControllerManager cm = manager("solo", "cm-converge", true)) {
      plain.create("/api/v1/namespaces/cm-converge/replicationcontrollers", rc("web", 3));
      await().atMost(Duration.ofSeconds(20)).until(() -> podsOf("cm-converge", "web") == 3);
      // every pod says who created it under which lease generation (what chaos's fencing check reads back)
      plain.get("/api/v1/namespaces/cm-converge/pods?labelSelector=app%3Dweb").body().path("items")
          .forEach(pod -> assertThat(pod.at("/metadata/annotations").path(ApiClient.WRITTEN_BY).asText())
              .isEqualTo("solo@" + cm.generation()));
      await().atMost(Duration.ofSeconds(20)).until(() -> plain.get(
          "/api/v1/namespaces/cm-converge/replicationcontrollers/web").body()
          .at("/status/readyReplicas").asInt() == 3);
      plain.mergePatch("/api/v1/namespaces/cm-converge/replicationcontrollers/web/scale",
          (ObjectNode) Json.parse("{\"spec\":{\"replicas\":1}}".getBytes(StandardCharsets.UTF_8)));
      await().atMost(Duration.ofSeconds(20)).until(() -> podsOf("cm-converge", "web") == 1);
      assertThat(cm.fencedWrites()).isZero();
    }
  }

  @Test
  void exactlyOneLeadsAndAStandbyTakesOverFromAKilledLeader() {
    namespace("cm-failover");
    ControllerManager a = manager("a", "cm-failover", true);
    ControllerManager b = manager("b", "cm-failover", true);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> a.isLeading() || b.isLeading());
      assertThat(a.isLeading() && b.isLeading()).isFalse();
      ControllerManager leader = a.isLeading() ? a : b;
      ControllerManager standby = leader == a ? b : a;
      long firstGeneration = leader.generation();
      leader.close(false);
      await().atMost(Duration.ofSeconds(20)).until(standby::isLeading);
      assertThat(standby.generation()).isEqualTo(firstGeneration + 1);
      plain.create("/api/v1/namespaces/cm-failover/replicationcontrollers", rc("after", 2));
      await().atMost(Duration.ofSeconds(20)).until(() -> podsOf("cm-failover", "after") == 2);
    } finally {
      a.close(false);
      b.close(false);
    }
  }

  @Test
  void aGracefulCloseGivesTheLeaseUp() {
    ControllerManager leader = manager("leaving", "cm-release", true);
    try {
      await().atMost(Duration.ofSeconds(20)).until(leader::isLeading);
    } finally {
      leader.close(true);
    }
    // client-go's ReleaseOnCancel: an empty holder, so a standby takes over at its next look
    assertThat(plain.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cm-release")
        .body().path("spec").path("holderIdentity").asText()).isEmpty();
  }

  @Test
  void aDeposedLeadersWritesAreFencedOffAndLandWithoutFencing() {
    namespace("cm-fence");
    plain.create("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", (ObjectNode)
        Json.parse(("{\"metadata\":{\"name\":\"cm-fence\"},\"spec\":{\"holderIdentity\":\"new\","
            + "\"leaseDurationSeconds\":15,\"leaseTransitions\":5}}")
            .getBytes(StandardCharsets.UTF_8)));
    plain.create("/api/v1/namespaces/cm-fence/replicationcontrollers", rc("fenced", 2));
    ApiClient deposed = new ApiClient(base, Duration.ofSeconds(5), Fencing.HEADER,
        () -> "kube-system/cm-fence=4");
    SyncReport refused = new ReplicationManager(deposed, Clock.systemUTC()).sync();
    assertThat(refused.fenced()).isPositive();
    assertThat(refused.created()).isZero();
    assertThat(podsOf("cm-fence", "fenced")).isZero();

    ApiClient unfencedDeposed = new ApiClient(base, Duration.ofSeconds(5), Fencing.HEADER,
        () -> null);
    SyncReport landed = new ReplicationManager(unfencedDeposed, Clock.systemUTC()).sync();
    assertThat(landed.fenced()).isZero();
    assertThat(podsOf("cm-fence", "fenced")).isEqualTo(2);
  }
}
