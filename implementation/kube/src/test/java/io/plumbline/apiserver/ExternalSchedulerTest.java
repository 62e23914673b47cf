package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.auth.Security;
import io.plumbline.common.tls.CertificateAuthority;
import io.plumbline.common.tls.Credentials;
import io.plumbline.common.tls.JdkTls;
import io.plumbline.common.tls.Validity;
import io.plumbline.controller.ControllerManager;
import io.plumbline.controller.ElectionConfig;
import io.plumbline.controller.KubeScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  static TestStore store;
  static ApiServer server;
  static CertificateAuthority ca;
  static SecureClient admin;

  @BeforeAll
  static void start() throws Exception {
    Instant now = Instant.now();
    ca = CertificateAuthority.create("test-ca", Validity.startingAt(now, Duration.ofDays(1)));
    io.plumbline.common.tls.Pem.writeCertificate(ca.certificate(), dir.resolve("ca.crt"));
    ca.issueLocalServer("apiserver", Validity.startingAt(now, Duration.ofDays(1)))
        .write(dir.resolve("server.crt"), dir.resolve("server.key"));
    store = TestStore.start(TestStore.REFERENCE, 1);
    Security security = new Security(Optional.empty(), Optional.of(dir.resolve("ca.crt")),
        Optional.of(dir.resolve("server.crt")), Optional.of(dir.resolve("server.key")), false,
        Security.Mode.RBAC, Optional.empty());
    server = ApiServer.start(new ApiServer.Settings(store.clientUrls(), "127.0.0.1", 0,
        Duration.ofSeconds(30), true, 1_000, 2, 500, true, security)
        .withoutInProcessScheduler());
    admin = client(ca.issueClient("admin", List.of("system:masters"), valid()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
  }

  static Validity valid() {
    return Validity.startingAt(Instant.now(), Duration.ofHours(1));
  }

  static SecureClient client(Credentials own) {
    return new SecureClient(server.port(), ca.certificate(), own, null);
  }

  static Credentials schedulerCertificate() {
    return ca.issueClient("system:kube-scheduler", List.of(), valid());
  }

  static KubeScheduler scheduler(String identity, Credentials own) {
    ElectionConfig election = new ElectionConfig("kube-system", "kube-scheduler", identity, 2_000,
        1_500, 200);
    return new KubeScheduler(new ControllerManager.Settings("https://127.0.0.1:" + server.port(),
        election, 200, Duration.ofSeconds(5), true, JdkTls.context(own, List.of(ca.certificate()))),
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
    admin.post("/api/v1/namespaces", Api.json("{'metadata':{'name':'ext'}}"));
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
    admin.post("/api/v1/namespaces", Api.json("{'metadata':{'name':'wrong-id'}}"));
    assertThat(admin.post("/api/v1/namespaces/wrong-id/pods", ApiServerTestBase.pod("w", "{}"))
        .code()).isEqualTo(201);
    Credentials cm = ca.issueClient("system:kube-controller-manager", List.of(), valid());
    assertThat(client(cm).post("/api/v1/namespaces/wrong-id/pods/w/binding", Api.json(
        "{'target':{'kind':'Node','name':'node-1'}}")).code()).isEqualTo(403);
    assertThat(scheduler("sched-cm", cm).schedule()).isZero(); // may not even list nodes (403)
    assertThat(admin.get("/api/v1/namespaces/wrong-id/pods/w").text("spec.nodeName")).isEmpty();
    assertThat(scheduler("sched-ok", schedulerCertificate()).schedule()).isPositive();
    assertThat(admin.get("/api/v1/namespaces/wrong-id/pods/w").text("spec.nodeName"))
        .startsWith("node-");
  }
}
