package io.plumbline.controller.trace;

import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LeaseTraceFile;
import io.plumbline.apiserver.http.Fencing;
import io.plumbline.controller.ApiClient;
import io.plumbline.controller.ElectionBug;
import io.plumbline.controlplane.Component;
import io.plumbline.controlplane.ControlPlane;
import io.plumbline.controlplane.ControlPlaneState;
import io.plumbline.controlplane.DetachedProcess;
import io.plumbline.controlplane.Probes;
import io.plumbline.controlplane.Teardown;
import io.plumbline.controlplane.UpOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A control plane started by {@code up} itself ({@link ControlPlane#up}: 3 etcd members, 2 API
 * servers behind HAProxy, controller managers as separate processes with the command lines
 * {@code up} gives them), with lease traces on: each controller manager and each API server's
 * fence writes its own ndjson file into {@code traces/}. Faults are real signals to a controller
 * manager's PID: SIGSTOP (the whole process freezes, controllers and all) and SIGCONT, SIGKILL.
 * SIGSTOP lands wherever the process is, inside a request too (the trace couples no clocks
 * across processes, so a stalled request cannot make a correct run unexplainable: see
 * {@link TraceLeaseElectionCheck.Timing}); SIGKILL is sent just after the process traced a Lease
 * write, while its elector waits a retry period, because a kill between a Lease write taking
 * effect and its event reaching the file would leave a Lease the trace cannot explain.
 * Closing SIGKILLs the controller managers left (standbys first, so no traced step reads a Lease
 * write whose event a kill lost, and none releases the Lease: an untraced write), then
 * {@code down} stops the rest.
 */
final class UpElectionRun implements AutoCloseable {
  static final long LEASE_MS = 1_500;
  static final long RENEW_DEADLINE_MS = 600;
  static final long RETRY_MS = 200;
  static final TraceLeaseElectionCheck.Timing TIMING = TraceLeaseElectionCheck.Timing.of(
      LEASE_MS, RENEW_DEADLINE_MS);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Path planeDir;
  private final Path traceDir;
  private final ControlPlaneState state;
  private final List<Component> stopped = new ArrayList<>();

  UpElectionRun(Path planeDir, Path traceDir, int controllers, Set<ElectionBug> bugs)
      throws IOException {
    this.planeDir = planeDir;
    this.traceDir = traceDir;
    UpOptions options = UpOptions.defaults(planeDir).withStore("etcd").withSecure(false)
        .withLeaseTimings(LEASE_MS, RENEW_DEADLINE_MS, RETRY_MS).withControllers(controllers)
        .withLeaseTraces(traceDir, bugs);
    this.state = ControlPlane.up(options, line -> System.out.println("up: " + line));
  }

  /** The controller manager holding the Lease, once one other than {@code not} holds it. */
  Component awaitHolderOtherThan(String not) {
    String[] holder = {""};
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
      holder[0] = Probes.leaseHolder(state.serverUrl(), ControlPlane.LEASE_NAMESPACE,
          ControlPlane.LEASE_NAME).orElse("");
      return !holder[0].isEmpty() && !holder[0].equals(not);
    });
    return manager(holder[0]);
  }

  /** An RC of {@code replicas} pods: work for the leader, so it writes through the fence. */
  void createReplicationController(String name, int replicas) {
    var rc = Json.object().put("apiVersion", "v1").put("kind", "ReplicationController");
    rc.putObject("metadata").put("name", name).put("namespace", "default");
    var spec = rc.putObject("spec").put("replicas", replicas);
    spec.putObject("selector").put("app", name);
    var template = spec.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", name);
    template.putObject("spec").putArray("containers").addObject().put("name", "c")
        .put("image", "busybox");
    ApiClient.Response r = client().create("/api/v1/namespaces/default/replicationcontrollers", rc);
    if (!r.ok()) {
      throw new IllegalStateException("could not create the RC: " + r.code() + " " + r.body());
    }
  }

  /** Sets the RC's replicas (the test's own unfenced write): the leader has pods to create. */
  void scale(String name, int replicas) {
    var patch = Json.object();
    patch.putObject("spec").put("replicas", replicas);
    ApiClient.Response r = client().mergePatch(
        "/api/v1/namespaces/default/replicationcontrollers/" + name, patch);
    if (!r.ok()) {
      throw new IllegalStateException("could not scale the RC: " + r.code() + " " + r.body());
    }
  }

  /** Waits until {@code n} more events named {@code action} are in the trace files. */
  void awaitMore(String action, long n) throws IOException {
    long target = count(action) + n;
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> count(action) >= target);
  }

  /** Waits until {@code cm} traced a StepDown (after a SIGCONT: it noticed it was deposed). */
  void awaitStepDown(Component cm) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() ->
        events(cm).stream().anyMatch(l -> l.event().action().equals("StepDown")));
  }

  /** SIGSTOPs {@code cm}. */
  void stop(Component cm) throws IOException {
    signal(cm, "STOP");
    stopped.add(cm);
  }

  /** SIGCONTs {@code cm}. */
  void resume(Component cm) throws IOException {
    signal(cm, "CONT");
    stopped.remove(cm);
  }

  /** SIGKILLs {@code cm} just after its next traced Lease write. */
  void kill(Component cm) throws IOException {
    signalAfterLeaseWrite(cm, "KILL");
    await().atMost(WAIT).until(() -> ProcessHandle.of(cm.pid()).isEmpty()
        || !ProcessHandle.of(cm.pid()).get().isAlive());
  }

  /** Every trace file of the run, merged. */
  List<TraceMerge.Entry> merged() throws IOException {
    return TraceMerge.mergeFiles(traceFiles());
  }

  private void signalAfterLeaseWrite(Component cm, String signal) throws IOException {
    int seen = events(cm).size();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(2)).until(() -> {
      List<LeaseTraceFile.Line> now = events(cm);
      return now.size() > seen
          && now.get(now.size() - 1).event().action().equals("UpdateSucceeds");
    });
    signal(cm, signal);
  }

  /** Sends {@code signal} to {@code cm}'s PID (one this run started, still that process). */
  private static void signal(Component cm, String signal) throws IOException {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(cm.pid()))
          .inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + cm.pid() + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private List<LeaseTraceFile.Line> events(Component cm) throws IOException {
    Path f = traceDir.resolve(cm.name() + ".ndjson");
    return Files.exists(f) ? LeaseTraceFile.read(f) : List.of();
  }

  private long count(String action) throws IOException {
    long n = 0;
    for (Path f : traceFiles()) {
      n += LeaseTraceFile.read(f).stream().filter(l -> l.event().action().equals(action)).count();
    }
    return n;
  }

  private List<Path> traceFiles() throws IOException {
    try (Stream<Path> files = Files.list(traceDir)) {
      return files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList();
    }
  }

  private Component manager(String name) {
    return state.ofKind(Component.Kind.CONTROLLER_MANAGER).stream()
        .filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no controller manager " + name));
  }

  private ApiClient client() {
    return new ApiClient(state.serverUrl(), Duration.ofSeconds(10), Fencing.HEADER, () -> null);
  }

  @Override
  public void close() throws IOException {
    for (Component cm : List.copyOf(stopped)) {
      resume(cm);
    }
    String holder = Probes.leaseHolder(state.serverUrl(), ControlPlane.LEASE_NAMESPACE,
        ControlPlane.LEASE_NAME).orElse("");
    List<Component> managers = new ArrayList<>(state.ofKind(Component.Kind.CONTROLLER_MANAGER));
    managers.sort((a, b) -> Boolean.compare(a.name().equals(holder), b.name().equals(holder)));
    for (Component cm : managers) { // standbys first, then the holder
      DetachedProcess.find(cm).ifPresent(h -> { // still the process up started
        h.destroyForcibly();
        h.onExit().join();
      });
    }
    Teardown.down(planeDir, line -> System.out.println("down: " + line));
  }
}
