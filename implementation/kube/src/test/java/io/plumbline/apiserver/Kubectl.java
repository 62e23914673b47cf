package io.plumbline.apiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against an API server through a generated kubeconfig. */
public final class Kubectl {
  /** An RC of 3 nginx replicas and a Service selecting its pods: the manifest kubectl tests create. */
  public static final String WEB_RC_AND_SERVICE = """
      apiVersion: v1
      kind: ReplicationController
      metadata: {name: web}
      spec:
        replicas: 3
        selector: {app: web}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: nginx, image: 'nginx:1.27', ports: [{containerPort: 80}]}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        selector: {app: web}
        ports: [{port: 80, targetPort: 80}]
      """;

  static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  /** One finished kubectl run. */
  public record Result(int exitCode, String out) {}

  private final Path kubeconfig;

  Kubectl(Path dir, int port) throws IOException {
    this(writeKubeconfig(dir, port));
  }

  /** kubectl with an existing kubeconfig (e.g. the one {@code up} prints). */
  public Kubectl(Path kubeconfig) {
    if (!Files.isExecutable(KUBECTL)) {
      throw new AssertionError(KUBECTL + " is missing: the kubectl tests need kubectl v1.32 "
          + "(this machine's image has it; install it before running the tests)");
    }
    this.kubeconfig = kubeconfig;
  }

  private static Path writeKubeconfig(Path dir, int port) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, kubeconfig(port));
    return file;
  }

  /** The kubeconfig a user would write for this API server (no auth, plain HTTP). */
  static String kubeconfig(int port) {
    return String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: plumbline",
        "  cluster: {server: 'http://127.0.0.1:" + port + "'}",
        "users:",
        "- name: plumbline",
        "  user: {}",
        "contexts:",
        "- name: plumbline",
        "  context: {cluster: plumbline, user: plumbline, namespace: default}",
        "current-context: plumbline", "");
  }

  public Result run(String... args) throws IOException, InterruptedException {
    Process p = start(args);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8));
  }

  /** Starts kubectl with stderr merged into stdout (for {@code get -w}). */
  public Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(KUBECTL.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    return pb.start();
  }
}
