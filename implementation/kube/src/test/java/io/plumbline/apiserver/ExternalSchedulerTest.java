package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.auth.Security;
import io.plumbline.common.tls.Credentials;
import io.plumbline.controller.ControllerManager;
import io.plumbline.controller.ElectionConfig;
import io.plumbline.controller.KubeScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler as a client: an HTTPS, RBAC API server whose duties run without the in-process
 * scheduler (as {@code up} starts them), two simulated Ready nodes, and {@link KubeScheduler}
 * instances with their own client certificate (CN system:kube-scheduler), electing through the
 * {@code kube-scheduler} Lease and binding through {@code pods/binding}.
 */
class ExternalSchedulerTest {
  @TempDir static Path dir;
  static SecureFixture pki;
  static ApiServer server;
  static SecureClient admin;

  @BeforeAll
  static void start() throws Exception {
    pki = SecureFixture.start(dir);
    server = pki.serve(pki.settings(pki.security(Optional.empty(), false,
        Security.Mode.RBAC), true, 2).withoutInProcessScheduler());
    admin = client(pki.issue("admin", "system:masters"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (pki != null) {
      pki.close();
    }
  }

  static SecureClient client(Credentials own) {
    return pki.client(server.port(), own, null);
  }

  static Credentials schedulerCertificate() {
    return pki.issue("system:kube-scheduler");
  }

  static KubeScheduler scheduler(String identity, Credentials own) {
    return scheduler(new ElectionConfig("kube-system", "kube-scheduler", identity, 2_000, 1_500,
        200), own, 200);
  }

  static KubeScheduler scheduler(ElectionConfig election, Credentials own, long syncPeriodMs) {
    String identity = election.identity();
    return new KubeScheduler(new ControllerManager.Settings("https://127.0.0.1:" + server.port(),
        election, syncPeriodMs, Duration.ofSeconds(5), true, pki.tls(own)),
        Clock.systemUTC(), new Random(identity.hashCode()));
  }

  @Test
  void theSchedulersIdentityReadsPodsAndNodesAndIsRefusedWhatItDoesNotNeed() throws Exception {
    assertThat(admin.post("/api/v1/namespaces/default/pods", ApiServerTestBase.pod("kept", "{}"))
        .code()).isEqualTo(201);
    SecureClient scheduler = client(schedulerCertificate());
    assertThat(scheduler.get("/api/v1/pods").code()).isEqualTo(200);
    assertThat(scheduler.get("/api/v1/nodes").code()).isEqualTo(200);
    Api.Answer create = scheduler.post("/api/v1/namespaces/default/pods",
        ApiServerTestBase.pod("by-scheduler", "{}"));
    assertThat(create.code()).isEqualTo(403);
    assertThat(create.text("message")).isEqualTo("pods is forbidden: User \"system:kube-scheduler\" "
        + "cannot create resource \"pods\" in API group \"\" in the namespace \"default\"");
    assertThat(scheduler.delete("/api/v1/namespaces/default/pods/kept").code()).isEqualTo(403);
    assertThat(scheduler.get("/api/v1/namespaces/kube-system/secrets").code()).isEqualTo(403);
    assertThat(scheduler.get(
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager")
        .code()).isEqualTo(403);
    assertThat(admin.delete("/api/v1/namespaces/default/pods/kept").code()).isEqualTo(200);
  }

  @Test
  void twoSchedulersWithTheirOwnCertificateElectOneLeaderAndBindEveryPendingPodOnce()
      throws Exception {
    admin.post("/api/v1/namespaces", json("{'metadata':{'name':'ext'}}"));
    for (int i = 1; i <= 3; i++) {
      assertThat(admin.post("/api/v1/namespaces/ext/pods", ApiServerTestBase.pod("p" + i, "{}"))
          .code()).isEqualTo(201);
    }
    try (KubeScheduler a = scheduler("sched-a", schedulerCertificate()).start();
        KubeScheduler b = scheduler("sched-b", schedulerCertificate()).start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/namespaces/ext/pods")
          .body().path("items").findValuesAsText("phase").stream()
          .filter("Running"::equals).count() == 3);
      // the in-process scheduler is off: every binding was one of theirs, none twice (a second
      // binding of a pod is a 409 and not counted)
      assertThat(a.bound() + b.bound()).isEqualTo(3);
      String holder = admin.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/"
          + "kube-scheduler").text("spec.holderIdentity");
      assertThat(holder).isIn("sched-a", "sched-b");
      assertThat((holder.equals("sched-a") ? a : b).bound()).isEqualTo(3);
    }
    assertThat(admin.get("/api/v1/namespaces/ext/pods").body().path("items")
        .findValuesAsText("nodeName")).hasSize(3).allMatch(n -> n.startsWith("node-"));
  }

  @Test
  void aSchedulerWithTheControllerManagersCertificateBindsNothing() throws Exception {
    admin.post("/api/v1/namespaces", json("{'metadata':{'name':'wrong-id'}}"));
    assertThat(admin.post("/api/v1/namespaces/wrong-id/pods", ApiServerTestBase.pod("w", "{}"))
        .code()).isEqualTo(201);
    Credentials cm = pki.issue("system:kube-controller-manager");
    assertThat(client(cm).post("/api/v1/namespaces/wrong-id/pods/w/binding", json(
        "{'target':{'kind':'Node','name':'node-1'}}")).code()).isEqualTo(403);
    assertThat(scheduler("sched-cm", cm).schedule()).isZero(); // may not even list nodes (403)
    assertThat(admin.get("/api/v1/namespaces/wrong-id/pods/w").text("spec.nodeName")).isEmpty();
    assertThat(scheduler("sched-ok", schedulerCertificate()).schedule()).isPositive();
    assertThat(admin.get("/api/v1/namespaces/wrong-id/pods/w").text("spec.nodeName"))
        .startsWith("node-");
  }

  @Test
  void aNewPendingPodIsBoundThroughTheWatchLongBeforeTheResync() throws Exception {
    admin.post("/api/v1/namespaces", json("{'metadata':{'name':'watched'}}"));
    String pods = "/api/v1/namespaces/watched/pods/";
    assertThat(admin.post(pods, ApiServerTestBase.pod("first", "{}")).code()).isEqualTo(201);
    // a lease that survives a loaded machine: this test is about the watch, not about takeovers
    ElectionConfig election = new ElectionConfig("kube-system", "kube-scheduler", "sched-watch",
        15_000, 10_000, 500);
    try (KubeScheduler s = scheduler(election, schedulerCertificate(), 3_600_000).start()) {
      // the first pass after it leads binds "first"; the next periodic pass is an hour away
      await().atMost(Duration.ofSeconds(60))
          .until(() -> !admin.get(pods + "first").text("spec.nodeName").isEmpty());
      assertThat(admin.post(pods, ApiServerTestBase.pod("second", "{}")).code()).isEqualTo(201);
      // only a watch event can start the pass that binds it within the hour
      await().atMost(Duration.ofSeconds(60))
          .until(() -> !admin.get(pods + "second").text("spec.nodeName").isEmpty());
      assertThat(s.bound()).isEqualTo(2);
    }
  }
}
