package io.plumbline.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.Kubectl;
import io.plumbline.common.net.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new-user bar, as a test: {@code up} (reference store, HAProxy, 2 API servers, 2
 * controller managers), kubectl through HAProxy creates an RC of 3 and a service, pods get nodes
 * (from the external scheduler: the API servers' in-process one is off) and the endpoints list them; the active controller manager is killed with SIGKILL, the standby
 * takes over and {@code kubectl scale} still converges; {@code down} leaves no process behind.
 * Fails (never skips) without kubectl or HAProxy. Leases are shortened (4 s / 3 s / 1 s) for time;
 * the CLI keeps client-go's defaults. Two picked ports are taken before their components bind
 * them (a store member's, HAProxy's), and {@code up} must start those tiers again on new ports.
 */
class NewUserBarTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir; // logs stay when it fails
  private ControlPlaneState state;

  private final List<ServerSocket> thieves = new ArrayList<>();

  @AfterEach
  void down() throws Exception {
    if (state != null) {
      Teardown.down(dir, line -> { });
    }
    for (ServerSocket s : thieves) {
      s.close();
    }
  }

  /**
   * Picks ports as {@code up} does, but on the picks numbered in {@code steal} (from 1) another
   * "program" binds the first port before the component can: the race of issue #13.
   */
  private IntFunction<List<Integer>> stealing(Set<Integer> steal) {
    int[] calls = {0};
    return n -> {
      List<Integer> ports = Ports.pick(n);
      if (steal.contains(++calls[0])) {
        try {
          thieves.add(new ServerSocket(ports.get(0), 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return ports;
    };
  }

  @Test
  void upKubectlFailoverScaleAndDown() throws Exception {
    assertThat(UpOptions.HAPROXY).as("HAProxy is required (apt-get install haproxy)")
        .isExecutable();
    UpOptions options = UpOptions.defaults(dir).withLeaseTimings(4_000, 3_000, 1_000);
    List<String> progress = new ArrayList<>();
    state = ControlPlane.up(options, StoreRoutes.DIRECT, stealing(Set.of(1, 4)), line -> {
      progress.add(line);
      System.out.println(line);
    });
    // pick 1 is the store's (a member's client port stolen), 2 the store's again, 3 the API
    // servers', 4 HAProxy's (its frontend port stolen), 5 HAProxy's again
    assertThat(progress).filteredOn(l -> l.contains("was taken between picking it and binding it"))
        .hasSize(2).anyMatch(l -> l.contains("store-1 could not bind"))
        .anyMatch(l -> l.contains("haproxy could not bind"));
    assertThat(state.serverUrl()).isEqualTo(state.haproxyUrl());
    assertThat(Files.readString(Path.of(state.kubeconfig()))).contains(state.haproxyUrl());
    assertThatThrownBy(() -> ControlPlane.up(options, line -> { }))
        .isInstanceOf(ControlPlane.AlreadyRunning.class).hasMessageContaining("already running");

    assertThat(state.serverUrl()).startsWith("https://");
    assertThat(progress).contains("access check VALID: anonymous, bogus-token and unauthorized "
        + "writes refused");
    assertThat(String.join("\n", Files.readAllLines(Path.of(state.kubeconfig()))))
        .contains("client-certificate:", "certificate-authority:").doesNotContain("PRIVATE KEY");
    Kubectl kubectl = new Kubectl(Path.of(state.kubeconfig()));
    assertThat(kubectl.run("auth", "can-i", "create", "pods").out().trim()).isEqualTo("yes");
    assertThat(anonymousCurlPost(state.serverUrl() + "/api/v1/namespaces/default/pods"))
        .contains("\"reason\":\"Unauthorized\"", "\"code\":401");
    Files.writeString(dir.resolve("web.yaml"), Kubectl.WEB_RC_AND_SERVICE);
    assertThat(kubectl.run("create", "-f", dir.resolve("web.yaml").toString()).out())
        .contains("replicationcontroller/web created", "service/web created");
    awaitPodsScheduledAndInEndpoints(kubectl, 3);
    // those pods were bound by the scheduler the controller-manager processes run, with its own
    // certificate and lease: the API servers run without their in-process scheduler
    assertThat(state.ofKind(Component.Kind.APISERVER)).allMatch(c -> DetachedProcess.find(c)
        .flatMap(h -> h.info().arguments()).map(a -> List.of(a)
            .contains("--no-in-process-scheduler")).orElse(false));
    assertThat(leaseField(kubectl, "kube-scheduler", "holderIdentity", "")).startsWith("cm-");
    assertThat(Files.readString(dir.resolve("logs").resolve(leaseField(kubectl, "kube-scheduler",
        "holderIdentity", "") + ".log"))).contains("and kube-system/kube-scheduler (scheduler)");

    String leader = holder(kubectl);
    Component active = state.ofKind(Component.Kind.CONTROLLER_MANAGER).stream()
        .filter(c -> c.name().equals(leader)).findFirst().orElseThrow();
    long generation = Long.parseLong(leaseField(kubectl, "leaseTransitions", "0"));
    DetachedProcess.find(active).orElseThrow().destroyForcibly();
    long killedAt = System.nanoTime();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> !holder(kubectl).equals(leader) && !holder(kubectl).isEmpty());
    System.out.printf("standby %s took over %.1f s after the kill (lease 4 s, retry 1 s)%n",
        holder(kubectl), (System.nanoTime() - killedAt) / 1e9);
    assertThat(Long.parseLong(leaseField(kubectl, "leaseTransitions", "0")))
        .isEqualTo(generation + 1);

    assertThat(kubectl.run("scale", "rc", "web", "--replicas=5").out())
        .contains("replicationcontroller/web scaled");
    awaitPodsScheduledAndInEndpoints(kubectl, 5);
    await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("get", "rc", "web", "-o",
        "jsonpath={.status.replicas}/{.status.readyReplicas}").out().equals("5/5"));

    List<String> report = Teardown.down(dir, System.out::println);
    assertThat(report).hasSize(state.components().size())
        .anyMatch(l -> l.equals(active.name() + " (pid " + active.pid() + ") was not running"));
    for (Component c : state.components()) {
      assertThat(ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false))
          .as(c.name() + " pid " + c.pid()).isFalse();
    }
    assertThat(processesMentioning(dir.toString())).isEmpty();
    state = null;
  }

  /** What {@code curl -k} answers to an anonymous pod create (TLS unverified, no credentials). */
  private static String anonymousCurlPost(String url) throws Exception {
    Process curl = new ProcessBuilder("curl", "-sk", "-X", "POST", "-H",
        "Content-Type: application/json", url, "-d", "{\"metadata\":{\"name\":\"anon\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}")
        .redirectErrorStream(true).start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /** Exactly {@code n} RC pods, each bound to a node, and the endpoints list exactly their IPs. */
  private static void awaitPodsScheduledAndInEndpoints(Kubectl kubectl, int n) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      String[] nodes = words(kubectl.run("get", "pods", "-l", "app=web", "-o",
          "jsonpath={.items[*].spec.nodeName}").out());
      Set<String> ips = new TreeSet<>(Arrays.asList(words(kubectl.run("get", "pods", "-l",
          "app=web", "-o", "jsonpath={.items[*].status.podIP}").out())));
      Set<String> endpoints = new TreeSet<>(Arrays.asList(words(kubectl.run("get", "endpoints",
          "web", "-o", "jsonpath={.subsets[*].addresses[*].ip}").out())));
      return nodes.length == n && Arrays.stream(nodes).allMatch(s -> s.startsWith("node-"))
          && ips.size() == n && ips.equals(endpoints);
    });
  }

  private static String[] words(String s) {
    return s.isBlank() ? new String[0] : s.trim().split("\\s+");
  }

  private static String holder(Kubectl kubectl) throws Exception {
    return leaseField(kubectl, "holderIdentity", "");
  }

  private static String leaseField(Kubectl kubectl, String field, String absent) throws Exception {
    return leaseField(kubectl, ControlPlane.LEASE_NAME, field, absent);
  }

  private static String leaseField(Kubectl kubectl, String lease, String field, String absent)
      throws Exception {
    String out = kubectl.run("get", "lease", lease, "-n",
        ControlPlane.LEASE_NAMESPACE, "-o", "jsonpath={.spec." + field + "}").out().trim();
    return out.isEmpty() ? absent : out;
  }

  private static List<Long> processesMentioning(String text) {
    return ProcessHandle.allProcesses().filter(h -> h.info().arguments()
        .map(a -> String.join(" ", a).contains(text)).orElse(false))
        .map(ProcessHandle::pid).toList();
  }
}
