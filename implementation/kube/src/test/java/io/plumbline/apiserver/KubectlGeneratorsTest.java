package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.32's generators send their objects as Kubernetes protobuf
 * ({@code application/vnd.kubernetes.protobuf}); each must create the object it names, read back
 * over JSON with the fields the generator set.
 */
class KubectlGeneratorsTest extends ApiServerTestBase {
  @TempDir static Path dir;
  static Kubectl kubectl;

  @BeforeEach
  void kubectl() throws Exception {
    kubectl = new Kubectl(dir, server.port());
  }

  private static void ok(Kubectl.Result r, String expected) {
    assertThat(r.exitCode()).as(r.out()).isZero();
    assertThat(r.out()).contains(expected);
  }

  @Test
  void createNamespaceSendsProtobufAndCreatesIt() throws Exception {
    Kubectl.Result created = kubectl.run("create", "namespace", "demo", "-v=8");
    ok(created, "namespace/demo created");
    // -v=8 prints the request: the body went as protobuf, and the answer came back in it
    assertThat(created.out()).contains("Response Status: 201 Created")
        .doesNotContain("UnsupportedMediaType");
    assertThat(created.out().split("Content-Type: application/vnd.kubernetes.protobuf", -1))
        .as("request and response both protobuf").hasSize(3);
    assertThat(api.get("/api/v1/namespaces/demo").text("metadata.uid")).isNotEmpty();
  }

  @Test
  void createConfigmapKeepsItsData() throws Exception {
    ok(kubectl.run("create", "configmap", "settings", "--from-literal=color=blue",
        "--from-literal=size=10"), "configmap/settings created");
    Api.Answer cm = api.get("/api/v1/namespaces/default/configmaps/settings");
    assertThat(cm.text("data.color")).isEqualTo("blue");
    assertThat(cm.text("data.size")).isEqualTo("10");
  }

  @Test
  void createSecretGenericStoresBase64() throws Exception {
    ok(kubectl.run("create", "secret", "generic", "creds", "--from-literal=password=s3cret"),
        "secret/creds created");
    Api.Answer secret = api.get("/api/v1/namespaces/default/secrets/creds");
    assertThat(secret.text("data.password")).isEqualTo("czNjcmV0");
    assertThat(secret.text("type")).isEqualTo("Opaque");
    Kubectl.Result read = kubectl.run("get", "secret", "creds",
        "-o", "jsonpath={.data.password}");
    assertThat(read.out()).isEqualTo("czNjcmV0");
  }

  @Test
  void createServiceClusterIpKeepsPortsAndTargetPort() throws Exception {
    ok(kubectl.run("create", "service", "clusterip", "front", "--tcp=80:8080"),
        "service/front created");
    Api.Answer svc = api.get("/api/v1/namespaces/default/services/front");
    assertThat(svc.body().path("spec").path("ports").path(0).path("port").asInt()).isEqualTo(80);
    assertThat(svc.body().path("spec").path("ports").path(0).path("targetPort").asInt())
        .isEqualTo(8080);
    assertThat(svc.text("spec.selector.app")).isEqualTo("front");
  }
}
