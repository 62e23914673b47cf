package io.plumbline.controller.trace;

import static org.awaitility.Awaitility.await;

import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LeaseTraceEvent;
import io.plumbline.apiserver.api.LeaseTraceFile;
import io.plumbline.apiserver.http.Fencing;
import io.plumbline.controller.ApiClient;
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
 * {@link TraceLeaseElectionCheck.Timing}); {@link #stopWhileAWriteIsHeld} lands it on a write
 * already decided, which the controller managers hold {@link #WRITE_DELAY_MS} before sending
 * ({@code --injected-write-delay-ms}), so the deposed leader sends it after SIGCONT, whatever its
 * elector decides first; SIGKILL is sent just after the process traced a Lease write, while its
 * elector waits a retry period, because a kill between a Lease write taking effect and its event
 * reaching the file would leave a Lease the trace cannot explain.
 * {@link #killControllerManagers} SIGKILLs the controller managers left (standbys first, so no
 * traced step reads a Lease write whose event a kill lost, and none releases the Lease: an
 * untraced write); closing runs {@code down}. The plane also serves other elections on other
 * Leases ({@link FreshLeaseElection}), whose fenced writes its API servers do not trace.
 */
final class UpElectionRun implements AutoCloseable {
  /**
   * client-go's ratios, scaled so a run takes seconds; a renew may take up to the renew deadline,
   * which a machine with a load average of 30 exceeds at 600 ms often enough to end leaderships
   * the test needs (a renew that times out and lands later is in the spec: UnansweredLands).
   */
  static final long LEASE_MS = 3_000;
  static final long RENEW_DEADLINE_MS = 1_200;
  static final long RETRY_MS = 400;
  static final TraceLeaseElectionCheck.Timing TIMING = TraceLeaseElectionCheck.Timing.of(
      LEASE_MS, RENEW_DEADLINE_MS);
  /**
   * How long a controller manager holds each fenced write between deciding it and sending it:
   * far longer than the test takes to see the decision in the trace file and SIGSTOP the process.
   */
  static final long WRITE_DELAY_MS = 500;
  static final Duration WAIT = Duration.ofSeconds(60);
  /** How long a fresh controller-manager JVM may take to lead (as {@code up}'s own timeout). */
  static final Duration START_WAIT = Duration.ofSeconds(90);

  private final Path planeDir;
  private final Path traceDir;
  private final ControlPlaneState state;
  private final List<Component> stopped = new ArrayList<>();

  UpElectionRun(Path planeDir, Path traceDir, int controllers) throws IOException {
    this.planeDir = planeDir;
    this.traceDir = traceDir;
    UpOptions options = UpOptions.defaults(planeDir).withStore("etcd").withSecure(false)
        .withLeaseTimings(LEASE_MS, RENEW_DEADLINE_MS, RETRY_MS).withControllers(controllers)
        .withLeaseTraces(traceDir, Set.of()).withInjectedWriteDelayMs(WRITE_DELAY_MS);
    this.state = ControlPlane.up(options, line -> System.out.println("up: " + line));
  }

  /** The plane's directory (its state, logs and PKI). */
  Path planeDir() {
    return planeDir;
  }

  /** The URL clients use (HAProxy in front of the API servers). */
  String serverUrl() {
    return state.serverUrl();
  }

  /** The command line {@code up} started controller manager {@code name} with. */
  List<String> commandOf(String name) {
    return manager(name).command();
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

  /** Waits until a fence traced {@code action} for a write stamped with a term above {@code term}. */
  void awaitFenceAbove(String action, long term) throws IOException {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> fenceEvents().stream()
        .anyMatch(e -> e.action().equals(action) && e.term() > term));
  }

  /** The highest term of the writes a fence traced {@code action} for so far (0: none). */
  long maxFenceTerm(String action) throws IOException {
    return fenceEvents().stream().filter(e -> e.action().equals(action))
        .mapToLong(LeaseTraceEvent::term).max().orElse(0);
  }

  /**
   * Waits until a fence traced {@code action} for a write stamped {@code term}; false when none
   * came within the wait (the caller's trace check then says what is missing).
   */
  boolean awaitFenceAt(String action, long term) {
    try {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> fenceEvents().stream()
          .anyMatch(e -> e.action().equals(action) && e.term() == term));
      return true;
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      return false;
    }
  }

  /**
   * Runs {@code work} (which gives {@code cm} a write to make) and SIGSTOPs {@code cm} as soon as
   * its trace shows the write decided ({@code StartWrite}): it is then held for
   * {@link #WRITE_DELAY_MS} before it is sent, so it is sent after SIGCONT. Returns the term the
   * held write is stamped with.
   */
  long stopWhileAWriteIsHeld(Component cm, Runnable work) throws IOException {
    long before = startWrites(cm).size();
    work.run();
    List<LeaseTraceEvent> writes = new ArrayList<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> {
      writes.clear();
      writes.addAll(startWrites(cm));
      return writes.size() > before;
    });
    stop(cm);
    return writes.get(writes.size() - 1).term();
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

  /**
   * SIGKILLs the controller managers still running, the stopped ones too, standbys first, then
   * the holder: the traces are then complete (no process appends to them any more).
   */
  void killControllerManagers() {
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
    stopped.clear();
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
    signal(cm.pid(), signal);
  }

  /** Sends {@code signal} to {@code pid}, a process the test started. */
  static void signal(long pid, String signal) throws IOException {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
          .inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
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

  private List<LeaseTraceEvent> startWrites(Component cm) throws IOException {
    return events(cm).stream().map(LeaseTraceFile.Line::event)
        .filter(e -> e.action().equals("StartWrite")).toList();
  }

  private List<LeaseTraceEvent> fenceEvents() throws IOException {
    List<LeaseTraceEvent> out = new ArrayList<>();
    for (Component api : state.ofKind(Component.Kind.APISERVER)) {
      Path f = traceDir.resolve(api.name() + ".ndjson");
      if (Files.exists(f)) {
        LeaseTraceFile.read(f).forEach(l -> out.add(l.event()));
      }
    }
    return out;
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
    killControllerManagers();
    Teardown.down(planeDir, line -> System.out.println("down: " + line));
  }
}
