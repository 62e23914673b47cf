package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.32's server-side dry runs ({@code diff}, {@code --dry-run=server} on create, apply,
 * scale and delete) print what would happen and leave the cluster as it was: every object reads
 * back at its old resourceVersion and the store's revision has not moved (no duties run here, so
 * only kubectl could have written).
 */
class KubectlDryRunTest extends ApiServerTestBase {
  @TempDir static Path dir;
  static Kubectl kubectl;

  @BeforeEach
  void kubectl() throws Exception {
    kubectl = new Kubectl(dir, server.port());
  }

  private static String storeRevision() {
    return api.get("/api/v1/namespaces").text("metadata.resourceVersion");
  }

  private static String version(String path) {
    return api.get("/api/v1/namespaces/default/" + path).text("metadata.resourceVersion");
  }

  private static Path manifest(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void diffShowsTheChangeAndChangesNothing() throws Exception {
    Path web = manifest("web.yaml", Kubectl.WEB_RC_AND_SERVICE);
    assertThat(kubectl.run("create", "-f", web.toString()).exitCode()).isZero();
    String rcVersion = version("replicationcontrollers/web");
    String before = storeRevision();
    Path five = manifest("web5.yaml",
        Kubectl.WEB_RC_AND_SERVICE.replace("replicas: 3", "replicas: 5"));
    Kubectl.Result diff = kubectl.run("diff", "-f", five.toString());
    assertThat(diff.exitCode()).as(diff.out()).isEqualTo(1);
    assertThat(diff.out()).contains("-  replicas: 3", "+  replicas: 5");
    assertThat(api.get("/api/v1/namespaces/default/replicationcontrollers/web")
        .text("spec.replicas")).isEqualTo("3");
    assertThat(version("replicationcontrollers/web")).isEqualTo(rcVersion);
    assertThat(storeRevision()).isEqualTo(before);
  }

  @Test
  void serverDryRunsOfCreateApplyScaleAndDeleteLeaveTheClusterUnchanged() throws Exception {
    Path rc = manifest("dry.yaml", Kubectl.WEB_RC_AND_SERVICE.replace("web", "dry"));
    assertThat(kubectl.run("apply", "-f", rc.toString()).exitCode()).isZero();
    String rcVersion = version("replicationcontrollers/dry");
    String before = storeRevision();
    Path pod = manifest("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: dry-pod}\n"
        + "spec:\n  containers: [{name: main, image: busybox}]\n");
    Kubectl.Result created = kubectl.run("create", "--dry-run=server", "-f", pod.toString());
    assertThat(created.out()).as(created.out()).contains("pod/dry-pod created (server dry run)");
    Path changed = manifest("dry4.yaml", Files.readString(rc).replace("replicas: 3",
        "replicas: 4"));
    Kubectl.Result applied = kubectl.run("apply", "--dry-run=server", "-f", changed.toString());
    assertThat(applied.out()).as(applied.out())
        .contains("replicationcontroller/dry configured (server dry run)");
    Kubectl.Result scaled = kubectl.run("scale", "rc", "dry", "--replicas=7", "--dry-run=server");
    assertThat(scaled.out()).as(scaled.out())
        .contains("replicationcontroller/dry scaled (server dry run)");
    Kubectl.Result deleted = kubectl.run("delete", "rc", "dry", "--dry-run=server");
    assertThat(deleted.out()).as(deleted.out())
        .contains("replicationcontroller \"dry\" deleted (server dry run)");
    assertThat(api.get("/api/v1/namespaces/default/pods/dry-pod").code()).isEqualTo(404);
    assertThat(api.get("/api/v1/namespaces/default/replicationcontrollers/dry")
        .text("spec.replicas")).isEqualTo("3");
    assertThat(version("replicationcontrollers/dry")).isEqualTo(rcVersion);
    assertThat(storeRevision()).isEqualTo(before);
  }
}
