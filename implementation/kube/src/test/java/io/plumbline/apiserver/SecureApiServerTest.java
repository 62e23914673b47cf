package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.apiserver.auth.Security;
import io.plumbline.controlplane.AccessCheck;
import io.plumbline.controller.TestControllerManagers;
import io.plumbline.common.tls.CertificateAuthority;
import io.plumbline.common.tls.Credentials;
import io.plumbline.common.tls.Validity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An API server serving HTTPS with client-certificate and token authentication and RBAC, on a
 * one-member reference store: who gets in, who is refused, and with which Status.
 */
class SecureApiServerTest {
  static final String ALICE_TOKEN = "alice-token-0123456789";
  static final String GONE_TOKEN = "gone-token-0123456789";

  @TempDir static Path dir;
  static SecureFixture pki;
  static ApiServer server;
  static SecureClient admin;

  @BeforeAll
  static void start() throws Exception {
    pki = SecureFixture.start(dir);
    Files.writeString(dir.resolve("tokens.csv"), ALICE_TOKEN + ",alice,1001,\"dev,qa\"\n"
        + GONE_TOKEN + ",gone,1002\n");
    server = pki.serve(pki.settings(pki.security(Optional.of(dir.resolve("tokens.csv")), false,
        Security.Mode.RBAC), false, 0));
    admin = client(pki.issue("admin", "system:masters"), null);
  }

  static ApiServer start(Path tokens, Security.Mode mode) {
    return ApiServer.start(pki.settings(pki.security(Optional.of(tokens), false, mode), false, 0));
  }

  @AfterAll
  static void stop() throws Exception {
    if (pki != null) {
      pki.close();
    }
  }

  static Validity valid() {
    return SecureFixture.valid();
  }

  static SecureClient client(Credentials own, String token) {
    return pki.client(server.port(), own, token);
  }

  static com.fasterxml.jackson.databind.node.ObjectNode pod(String name) {
    return ApiServerTestBase.pod(name, "{}");
  }

  @Test
  void anAnonymousWriteIsUnauthorized() throws Exception {
    Api.Answer a = client(null, null).post("/api/v1/namespaces/default/pods", pod("anon"));
    assertThat(a.code()).isEqualTo(401);
    assertThat(a.text("kind")).isEqualTo("Status");
    assertThat(a.text("reason")).isEqualTo("Unauthorized");
    assertThat(a.text("message")).contains("anonymous requests are not allowed");
  }

  @Test
  void aBogusTokenIsUnauthorized() throws Exception {
    Api.Answer a = client(null, "not-a-token").get("/api/v1/namespaces/default/pods");
    assertThat(a.code()).isEqualTo(401);
    assertThat(a.text("message")).contains("invalid bearer token").doesNotContain("not-a-token");
  }

  @Test
  void healthProbesAnswerWithoutCredentials() throws Exception {
    assertThat(client(null, null).get("/healthz").code()).isEqualTo(200);
    assertThat(client(null, null).get("/version").code()).isEqualTo(401);
  }

  @Test
  void aSystemMastersCertificateMayDoAnything() throws Exception {
    assertThat(admin.post("/api/v1/namespaces/default/pods", pod("by-admin")).code())
        .isEqualTo(201);
    assertThat(admin.get("/api/v1/namespaces/default/pods/by-admin").text("metadata.name"))
        .isEqualTo("by-admin");
  }

  @Test
  void aUserWithoutBindingsIsForbiddenInKubeApiserversWords() throws Exception {
    Api.Answer a = client(null, ALICE_TOKEN).post("/api/v1/namespaces/default/pods",
        pod("by-alice"));
    assertThat(a.code()).isEqualTo(403);
    assertThat(a.text("reason")).isEqualTo("Forbidden");
    assertThat(a.text("message")).isEqualTo("pods is forbidden: User \"alice\" cannot create "
        + "resource \"pods\" in API group \"\" in the namespace \"default\"");
    Api.Answer nodes = client(null, ALICE_TOKEN).get("/api/v1/nodes");
    assertThat(nodes.text("message")).isEqualTo("nodes is forbidden: User \"alice\" cannot list "
        + "resource \"nodes\" in API group \"\" at the cluster scope");
  }

  @Test
  void aRoleBindingAllowsAndItsDeletionRevokes() throws Exception {
    admin.post("/api/v1/namespaces", json("{'metadata':{'name':'team'}}"));
    admin.post("/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles", json(
        "{'metadata':{'name':'pod-writer'},'rules':[{'apiGroups':[''],'resources':['pods'],"
            + "'verbs':['create','get']}]}"));
    Api.Answer bound = admin.post("/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings",
        json("{'metadata':{'name':'qa-writes'},'roleRef':{'apiGroup':"
            + "'rbac.authorization.k8s.io','kind':'Role','name':'pod-writer'},"
            + "'subjects':[{'kind':'Group','name':'qa'}]}"));
    assertThat(bound.code()).isEqualTo(201);
    SecureClient alice = client(null, ALICE_TOKEN);
    assertThat(alice.post("/api/v1/namespaces/team/pods", pod("one")).code()).isEqualTo(201);
    assertThat(alice.delete("/api/v1/namespaces/team/pods/one").code()).isEqualTo(403);
    assertThat(alice.post("/api/v1/namespaces/default/pods", pod("one")).code()).isEqualTo(403);
    assertThat(admin.delete("/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings/"
        + "qa-writes").code()).isEqualTo(200);
    Api.Answer revoked = alice.post("/api/v1/namespaces/team/pods", pod("two"));
    assertThat(revoked.code()).isEqualTo(403);
    assertThat(revoked.text("message")).contains("User \"alice\" cannot create resource \"pods\"");
  }

  @Test
  void whoMayCreateBindingsStillCannotBindARoleWithoutTheBindVerb() throws Exception {
    String rbac = "/apis/rbac.authorization.k8s.io/v1";
    admin.post("/api/v1/namespaces", json("{'metadata':{'name':'esc'}}"));
    admin.post(rbac + "/namespaces/esc/roles", json("{'metadata':{'name':'binder'},"
        + "'rules':[{'apiGroups':['rbac.authorization.k8s.io'],'resources':['rolebindings'],"
        + "'verbs':['create']}]}"));
    admin.post(rbac + "/namespaces/esc/rolebindings", json("{'metadata':{'name':'alice-binds'},"
        + "'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'binder'},"
        + "'subjects':[{'kind':'User','name':'alice'}]}"));
    SecureClient alice = client(null, ALICE_TOKEN);
    String grab = "{'metadata':{'name':'grab'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io',"
        + "'kind':'ClusterRole','name':'cluster-admin'},'subjects':[{'kind':'User','name':'alice'}]}";
    Api.Answer refused = alice.post(rbac + "/namespaces/esc/rolebindings", json(grab));
    assertThat(refused.code()).isEqualTo(403);
    assertThat(refused.text("message")).contains("cannot bind ClusterRole \"cluster-admin\"");
    admin.post(rbac + "/clusterroles", json("{'metadata':{'name':'may-bind-admin'},"
        + "'rules':[{'apiGroups':['rbac.authorization.k8s.io'],'resources':['clusterroles'],"
        + "'resourceNames':['cluster-admin'],'verbs':['bind']}]}"));
    admin.post(rbac + "/namespaces/esc/rolebindings", json("{'metadata':{'name':'alice-may'},"
        + "'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole',"
        + "'name':'may-bind-admin'},'subjects':[{'kind':'User','name':'alice'}]}"));
    assertThat(alice.post(rbac + "/namespaces/esc/rolebindings", json(grab)).code())
        .isEqualTo(201);
  }

  @Test
  void selfSubjectAccessReviewAnswersForTheCaller() throws Exception {
    Api.Answer review = client(null, ALICE_TOKEN).post(
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", json(
            "{'apiVersion':'authorization.k8s.io/v1','kind':'SelfSubjectAccessReview','spec':"
                + "{'resourceAttributes':{'namespace':'default','verb':'create','resource':'pods'}}}"));
    assertThat(review.code()).isEqualTo(201);
    assertThat(review.body().path("status").path("allowed").asBoolean()).isFalse();
    Api.Answer mine = admin.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        json("{'spec':{'resourceAttributes':{'verb':'delete','resource':'nodes'}}}"));
    assertThat(mine.body().path("status").path("allowed").asBoolean()).isTrue();
  }

  @Test
  void anExpiredClientCertificateIsUnauthorized() throws Exception {
    Credentials expired = pki.ca.issueClient("admin", List.of("system:masters"),
        Validity.expiredAt(Instant.now()));
    Api.Answer a = client(expired, null).get("/api/v1/namespaces");
    assertThat(a.code()).isEqualTo(401);
    assertThat(a.text("message")).contains("certificate has expired or is not yet valid");
  }

  @Test
  void aNotYetValidClientCertificateIsUnauthorized() throws Exception {
    Credentials early = pki.ca.issueClient("admin", List.of("system:masters"),
        Validity.notYetValidAt(Instant.now()));
    assertThat(client(early, null).get("/api/v1/namespaces").text("message"))
        .contains("is before");
  }

  @Test
  void aClientCertificateFromAnotherCaIsUnauthorized() throws Exception {
    CertificateAuthority other = CertificateAuthority.create("other-ca", valid());
    Credentials foreign = other.issueClient("admin", List.of("system:masters"), valid());
    Api.Answer a = client(foreign, null).get("/api/v1/namespaces");
    assertThat(a.code()).isEqualTo(401);
    assertThat(a.text("message")).contains("certificate signed by unknown authority");
  }

  @Test
  void aClientTrustingAnotherCaRefusesTheServer() {
    CertificateAuthority other = CertificateAuthority.create("other-ca", valid());
    SecureClient wrongCa = new SecureClient(server.port(), other.certificate(), null, null);
    assertThatThrownBy(() -> wrongCa.get("/healthz")).isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aTokenOfAUserDeletedFromTheTokenFileIsUnauthorizedAfterRestart() throws Exception {
    Path tokens = dir.resolve("tokens-without-gone.csv");
    Files.writeString(tokens, ALICE_TOKEN + ",alice,1001,\"dev,qa\"\n");
    try (ApiServer restarted = start(tokens, Security.Mode.RBAC)) {
      SecureClient gone = pki.client(restarted.port(), null, GONE_TOKEN);
      assertThat(gone.get("/api/v1/namespaces/default/pods").code()).isEqualTo(401);
      SecureClient alice = pki.client(restarted.port(), null, ALICE_TOKEN);
      assertThat(alice.get("/api/v1/namespaces/default/pods").code()).isEqualTo(403);
    }
    assertThat(client(null, GONE_TOKEN).get("/api/v1/namespaces/default/pods").code())
        .isEqualTo(403); // the first server still knows the token: authenticated, not authorized
  }

  static AccessCheck.Result accessCheck(int port) {
    return AccessCheck.run("https://127.0.0.1:" + port,
        pki.tls(null), pki.tls(pki.issue("system:kube-controller-manager")));
  }

  @Test
  void theAccessCheckPassesOnRbac() {
    AccessCheck.Result r = accessCheck(server.port());
    assertThat(r.verdict()).as(String.join("\n", r.probes())).isEqualTo(AccessCheck.Verdict.VALID);
    assertThat(r.probes()).hasSize(4).allMatch(l -> l.endsWith("(refused)"));
  }

  @Test
  void theAccessCheckCatchesAServerThatSkipsAuthorization() {
    try (ApiServer open = start(dir.resolve("tokens.csv"), Security.Mode.AlwaysAllow)) {
      AccessCheck.Result r = accessCheck(open.port());
      assertThat(r.verdict()).isEqualTo(AccessCheck.Verdict.INVALID);
      assertThat(r.probes()).filteredOn(l -> l.contains("NOT refused"))
          .singleElement().asString().contains("unprivileged identity");
    }
  }

  @Test
  void theAccessCheckCatchesAServerThatLetsAnonymousIn() {
    Security anonymous = pki.security(Optional.empty(), true, Security.Mode.AlwaysAllow);
    try (ApiServer open = ApiServer.start(pki.settings(anonymous, false, 0))) {
      AccessCheck.Result r = accessCheck(open.port());
      assertThat(r.verdict()).isEqualTo(AccessCheck.Verdict.INVALID);
      assertThat(r.probes()).filteredOn(l -> l.contains("as anonymous") && l.contains("NOT refused"))
          .hasSize(2);
    }
  }

  @Test
  void theAccessCheckIsUnknownWhenNothingAnswers() {
    int port;
    try (ApiServer gone = start(dir.resolve("tokens.csv"), Security.Mode.RBAC)) {
      port = gone.port();
    }
    assertThat(accessCheck(port).verdict()).isEqualTo(AccessCheck.Verdict.UNKNOWN);
  }

  /** The certificate {@code up} gives the controller managers: CN names the user, no group. */
  static Credentials controllerManagerCertificate() {
    return pki.issue("system:kube-controller-manager");
  }

  @Test
  void theControllerManagersIdentityIsRefusedWhatItDoesNotNeed() throws Exception {
    SecureClient cm = client(controllerManagerCertificate(), null);
    Api.Answer deleteNode = cm.delete("/api/v1/nodes/some-node");
    assertThat(deleteNode.code()).isEqualTo(403);
    assertThat(deleteNode.text("message")).isEqualTo("nodes \"some-node\" is forbidden: User "
        + "\"system:kube-controller-manager\" cannot delete resource \"nodes\" in API group \"\" "
        + "at the cluster scope");
    assertThat(cm.get("/api/v1/namespaces/kube-system/secrets").code()).isEqualTo(403);
    assertThat(cm.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-scheduler")
        .code()).isEqualTo(403);
    assertThat(cm.post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", json(
        "{'metadata':{'name':'cm-escalates'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io',"
            + "'kind':'ClusterRole','name':'cluster-admin'},'subjects':[{'kind':'User',"
            + "'name':'system:kube-controller-manager'}]}")).code()).isEqualTo(403);
  }

  @Test
  void anAdminImpersonatingTheControllerManagerGetsItsAnswerNotTheAdmins() throws Exception {
    Api.Answer a = admin.delete("/api/v1/nodes/some-node", "Impersonate-User",
        "system:kube-controller-manager");
    assertThat(a.code()).isEqualTo(403);
    assertThat(a.text("message")).contains("User \"system:kube-controller-manager\" cannot delete");
    Api.Answer asAdminGroup = admin.delete("/api/v1/nodes/some-node", "Impersonate-User", "x",
        "Impersonate-Group", "system:masters");
    assertThat(asAdminGroup.code()).isEqualTo(404); // allowed through, and there is no such node
  }

  @Test
  void whoMayNotImpersonateIsRefusedAndUnknownImpersonationHeadersAreNotIgnored() throws Exception {
    Api.Answer a = client(null, ALICE_TOKEN).delete("/api/v1/nodes/some-node", "Impersonate-User",
        "plumbline-admin", "Impersonate-Group", "system:masters");
    assertThat(a.code()).isEqualTo(403);
    assertThat(a.text("message")).isEqualTo("users \"plumbline-admin\" is forbidden: User \"alice\" "
        + "cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    Api.Answer uid = admin.delete("/api/v1/nodes/some-node", "Impersonate-User", "x",
        "Impersonate-Uid", "1");
    assertThat(uid.code()).isEqualTo(400);
  }

  @Test
  void theSchedulersIdentityBindsAPodOnceThroughPodsBindingAndMayNotDeleteIt() throws Exception {
    assertThat(admin.post("/api/v1/namespaces/default/pods", pod("to-bind")).code()).isEqualTo(201);
    SecureClient scheduler = client(pki.issue("system:kube-scheduler"), null);
    String binding = "/api/v1/namespaces/default/pods/to-bind/binding";
    Api.Answer bound = scheduler.post(binding, json(
        "{'apiVersion':'v1','kind':'Binding','metadata':{'name':'to-bind'},'target':{'kind':'Node','name':'node-1'}}"));
    assertThat(bound.code()).as(bound.toString()).isEqualTo(201);
    assertThat(admin.get("/api/v1/namespaces/default/pods/to-bind").text("spec.nodeName")).isEqualTo("node-1");
    Api.Answer again = scheduler.post(binding, json(
        "{'metadata':{'name':'to-bind'},'target':{'kind':'Node','name':'node-2'}}"));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.text("message")).contains("already assigned to node \"node-1\"");
    assertThat(scheduler.delete("/api/v1/namespaces/default/pods/to-bind").code()).isEqualTo(403);
    assertThat(client(null, ALICE_TOKEN).post(binding, json("{'target':{'kind':'Node','name':'node-2'}}"))
        .code()).isEqualTo(403);
  }

  @Test
  void theControllerManagersIdentityMayDoWhatReplicationNeeds() throws Exception {
    SecureClient cm = client(controllerManagerCertificate(), null);
    assertThat(cm.get("/api/v1/replicationcontrollers").code()).isEqualTo(200);
    assertThat(cm.post("/api/v1/namespaces/default/pods", pod("by-cm")).code()).isEqualTo(201);
    assertThat(cm.delete("/api/v1/namespaces/default/pods/by-cm").code()).isEqualTo(200);
  }

  @Test
  void aControllerManagerWithItsOwnCertificateReplicatesThroughRbac() throws Exception {
    admin.post("/api/v1/namespaces", json("{'metadata':{'name':'cm-rbac'}}"));
    assertThat(admin.post("/api/v1/namespaces/cm-rbac/replicationcontrollers", json(
        "{'metadata':{'name':'web'},'spec':{'replicas':2,'selector':{'app':'web'},'template':"
            + "{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'c',"
            + "'image':'busybox'}]}}}}")).code()).isEqualTo(201);
    try (io.plumbline.controller.ControllerManager manager = TestControllerManagers.start(
        "https://127.0.0.1:" + server.port(), "kube-controller-manager", "cm-rbac", true,
        pki.tls(controllerManagerCertificate()))) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin
          .get("/api/v1/namespaces/cm-rbac/pods?labelSelector=app%3Dweb").body().path("items")
          .size() == 2);
      assertThat(manager.isLeading()).isTrue();
    }
  }

  @Test
  void alwaysAllowLetsAnyAuthenticatedUserWrite() throws Exception {
    try (ApiServer open = start(dir.resolve("tokens.csv"), Security.Mode.AlwaysAllow)) {
      SecureClient alice = pki.client(open.port(), null, ALICE_TOKEN);
      assertThat(alice.post("/api/v1/namespaces/default/pods", pod("always")).code())
          .isEqualTo(201);
      SecureClient anonymous = pki.client(open.port(), null, null);
      assertThat(anonymous.post("/api/v1/namespaces/default/pods", pod("anon")).code())
          .isEqualTo(401);
    }
  }
}
