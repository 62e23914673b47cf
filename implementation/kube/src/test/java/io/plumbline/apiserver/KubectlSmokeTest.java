package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl v1.32 against the API server: the commands a new user would type. */
@WithDuties
class KubectlSmokeTest extends ApiServerTestBase {
  static Kubectl kubectl;
  @TempDir static Path dir;

  private static String podYaml(String name, String image) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", labels: {app: web}}\n"
        + "spec:\n  containers: [{name: main, image: '" + image + "'}]\n";
  }

  @BeforeEach
  void kubectl() throws Exception {
    kubectl = new Kubectl(dir, server.port());
  }

  @Test
  void getNodesAndNamespaces() throws Exception {
    Kubectl.Result nodes = kubectl.run("get", "nodes");
    assertThat(nodes.exitCode()).as(nodes.out()).isZero();
    assertThat(nodes.out()).contains("node-1", "node-2", "node-3")
        .containsPattern("(?m)^NAME +STATUS +ROLES +AGE +VERSION$")
        .containsPattern("(?m)^node-1 +Ready +<none> +\\d+[smhd]");
    assertThat(kubectl.run("get", "ns").out()).contains("default", "kube-system");
  }

  @Test
  void createScaleDescribeAndDeleteAReplicationControllerAndService() throws Exception {
    Files.writeString(dir.resolve("web.yaml"), Kubectl.WEB_RC_AND_SERVICE);
    Kubectl.Result created = kubectl.run("create", "-f", dir.resolve("web.yaml").toString());
    assertThat(created.out()).as(created.out())
        .contains("replicationcontroller/web created", "service/web created");
    Kubectl.Result scaled = kubectl.run("scale", "rc", "web", "--replicas=5");
    assertThat(scaled.out()).as(scaled.out()).contains("replicationcontroller/web scaled");
    assertThat(kubectl.run("get", "rc", "web", "-o", "jsonpath={.spec.replicas}").out())
        .isEqualTo("5");
    assertThat(kubectl.run("describe", "rc", "web").out()).contains("Selector:     app=web",
        "5 desired");
    assertThat(kubectl.run("get", "all").out()).contains("service/web",
        "replicationcontroller/web");
    Kubectl.Result deleted = kubectl.run("delete", "-f", dir.resolve("web.yaml").toString());
    assertThat(deleted.out()).as(deleted.out()).contains("replicationcontroller \"web\" deleted",
        "service \"web\" deleted");
    Kubectl.Result gone = kubectl.run("get", "rc", "web");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.out()).contains("replicationcontrollers \"web\" not found");
  }

  @Test
  void applyCreatesThenPatchesAndThePodIsScheduledAndInTheEndpoints() throws Exception {
    Path service = dir.resolve("hello-svc.yaml");
    Files.writeString(service, "apiVersion: v1\nkind: Service\nmetadata: {name: hello}\n"
        + "spec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n");
    assertThat(kubectl.run("apply", "-f", service.toString()).out())
        .contains("service/hello created");
    Path manifest = dir.resolve("hello.yaml");
    Files.writeString(manifest, podYaml("hello", "busybox:1.36"));
    assertThat(kubectl.run("apply", "-f", manifest.toString()).out()).contains("pod/hello created");
    Files.writeString(manifest, podYaml("hello", "busybox:1.37"));
    assertThat(kubectl.run("apply", "-f", manifest.toString()).out())
        .contains("pod/hello configured");
    assertThat(kubectl.run("get", "pod", "hello", "-o", "jsonpath={.spec.containers[0].image}")
        .out()).isEqualTo("busybox:1.37");
    await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "pod", "hello", "-o",
        "jsonpath={.status.phase}").out().equals("Running"));
    String ip = kubectl.run("get", "pod", "hello", "-o", "jsonpath={.status.podIP}").out();
    await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("get", "endpoints", "hello",
        "-o", "jsonpath={.subsets[0].addresses[*].ip}").out().contains(ip));
    assertThat(kubectl.run("describe", "pod", "hello").out()).contains("Status:       Running",
        "Node:         node-");
    assertThat(kubectl.run("get", "pods", "hello", "-o", "wide").out())
        .containsPattern("(?m)^hello +1/1 +Running +0 +\\S+ +" + ip.replace(".", "\\.")
            + " +node-\\d$");
  }

  @Test
  void getWatchStreamsNewPods() throws Exception {
    Process watch = kubectl.start("get", "pods", "-w", "--output-watch-events", "-l", "w=1");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(
        watch.getInputStream(), StandardCharsets.UTF_8)).lines().forEach(lines::add));
    reader.start();
    try {
      // whether the pod comes before or after the watch starts, it is printed as ADDED
      assertThat(createWatched()).isTrue();
      await().atMost(Duration.ofSeconds(20)).until(() ->
          lines.stream().anyMatch(l -> l.startsWith("ADDED") && l.contains("watched")));
    } finally {
      watch.destroy();
      reader.join(10_000);
    }
    Kubectl.Result deleted = kubectl.run("delete", "pod", "watched");
    assertThat(deleted.out()).contains("pod \"watched\" deleted");
  }

  private static boolean createWatched() throws Exception {
    Path manifest = dir.resolve("watched.yaml");
    Files.writeString(manifest, "apiVersion: v1\nkind: Pod\nmetadata: {name: watched, labels: "
        + "{w: '1'}}\nspec:\n  containers: [{name: main, image: busybox}]\n");
    return kubectl.run("create", "-f", manifest.toString()).exitCode() == 0;
  }
}
