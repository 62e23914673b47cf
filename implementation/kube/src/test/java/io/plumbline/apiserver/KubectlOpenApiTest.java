package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.32 against the OpenAPI documents and the newer write verbs: {@code explain} reads
 * /openapi/v3, {@code --validate=strict} is left to the server (the PATCH operations declare
 * fieldValidation), {@code apply --server-side} sends apply patches, {@code patch --type=json}
 * RFC 6902 patches.
 */
class KubectlOpenApiTest extends ApiServerTestBase {
  @TempDir static Path dir;
  static Kubectl kubectl;

  private static final String POD = """
      apiVersion: v1
      kind: Pod
      metadata: {name: NAME, labels: {app: demo}}
      spec:
        containers: [{name: main, image: busybox}]
      """;

  @BeforeEach
  void kubectl() throws Exception {
    kubectl = new Kubectl(dir, server.port());
  }

  private static Path manifest(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name + ".yaml"), yaml);
  }

  @Test
  void explainPodsAndNestedFields() throws Exception {
    Kubectl.Result pods = kubectl.run("explain", "pods");
    assertThat(pods.exitCode()).as(pods.out()).isZero();
    assertThat(pods.out()).contains("KIND:       Pod", "VERSION:    v1", "spec\t<PodSpec>",
        "metadata\t<ObjectMeta>");
    Kubectl.Result containers = kubectl.run("explain", "pods.spec.containers");
    assertThat(containers.exitCode()).as(containers.out()).isZero();
    assertThat(containers.out()).contains("FIELD: containers <[]Container>", "image\t<string>",
        "ports\t<[]ContainerPort>");
    Kubectl.Result port = kubectl.run("explain", "svc.spec.ports.targetPort");
    assertThat(port.out()).as(port.out()).contains("<IntOrString>");
  }

  @Test
  void strictValidationRejectsUnknownFieldsAndAcceptsKnownOnes() throws Exception {
    Path bad = manifest("typo", POD.replace("NAME", "typo").replace("image:", "imagee:"));
    Kubectl.Result refused = kubectl.run("apply", "--validate=strict", "-f", bad.toString());
    assertThat(refused.exitCode()).as(refused.out()).isNotZero();
    assertThat(refused.out()).contains("unknown field \"spec.containers[0].imagee\"");
    assertThat(api.get("/api/v1/namespaces/default/pods/typo").code()).isEqualTo(404);
    Path good = manifest("fine", POD.replace("NAME", "fine"));
    Kubectl.Result applied = kubectl.run("apply", "--validate=strict", "-f", good.toString());
    assertThat(applied.exitCode()).as(applied.out()).isZero();
    Kubectl.Result warned = kubectl.run("apply", "--validate=warn", "-f", manifest("warned",
        POD.replace("NAME", "warned").replace("labels:", "labelz:")).toString());
    assertThat(warned.out()).as(warned.out()).contains("unknown field \"metadata.labelz\"");
  }

  @Test
  void serverSideApplyCreatesThenMerges() throws Exception {
    Path first = manifest("ssa", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ssa}
        data: {a: "1"}
        """);
    Kubectl.Result created = kubectl.run("apply", "--server-side", "-f", first.toString());
    assertThat(created.out()).as(created.out()).contains("configmap/ssa serverside-applied");
    Path second = manifest("ssa2", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ssa, labels: {team: blue}}
        data: {b: "2"}
        """);
    Kubectl.Result merged = kubectl.run("apply", "--server-side", "-f", second.toString());
    assertThat(merged.exitCode()).as(merged.out()).isZero();
    Api.Answer cm = api.get("/api/v1/namespaces/default/configmaps/ssa");
    assertThat(cm.text("data.b")).isEqualTo("2");
    assertThat(cm.text("metadata.labels.team")).isEqualTo("blue");
    // no managed fields: a field left out of the configuration stays (Kubernetes would remove it)
    assertThat(cm.text("data.a")).isEqualTo("1");
  }

  @Test
  void jsonPatchAppliesAndATestFailureIsRefused() throws Exception {
    kubectl.run("apply", "-f", manifest("jp", POD.replace("NAME", "jp")).toString());
    Kubectl.Result patched = kubectl.run("patch", "pod", "jp", "--type=json",
        "-p", "[{\"op\":\"add\",\"path\":\"/metadata/labels/tier\",\"value\":\"web\"}]");
    assertThat(patched.exitCode()).as(patched.out()).isZero();
    assertThat(api.get("/api/v1/namespaces/default/pods/jp").text("metadata.labels.tier"))
        .isEqualTo("web");
    Kubectl.Result refused = kubectl.run("patch", "pod", "jp", "--type=json",
        "-p", "[{\"op\":\"test\",\"path\":\"/metadata/labels/tier\",\"value\":\"db\"}]");
    assertThat(refused.exitCode()).as(refused.out()).isNotZero();
    assertThat(api.get("/api/v1/namespaces/default/pods/jp").text("metadata.labels.tier"))
        .isEqualTo("web");
  }
}
