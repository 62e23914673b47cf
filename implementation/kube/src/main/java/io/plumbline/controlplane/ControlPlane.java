package io.plumbline.controlplane;

import io.plumbline.common.InitialCluster;
import io.plumbline.common.net.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code up}: starts a local HA control plane as detached processes, in dependency order — 3 store
 * members, the API servers (without their in-process scheduler), HAProxy in front of them, the
 * controller managers (each process also runs the scheduler, a client with its own certificate
 * and lease: {@code controller.KubeScheduler}) — waiting for each
 * tier to be ready before the next. Starts everything or nothing: when a tier fails, what was
 * started is stopped again. Each tier binds ports picked for it; when one was taken by another
 * program meanwhile, that tier starts again on new ports ({@link Ports#withRetry}). Everything lands in {@code DIR}: {@code state.json}, the kubeconfig,
 * HAProxy's config, one log per process, the store's data.
 */
public final class ControlPlane {
  public static final String LEASE_NAMESPACE = "kube-system";
  public static final String LEASE_NAME = "kube-controller-manager";
  static final int STORE_MEMBERS = 3;

  /** A control plane is already running in the directory. */
  public static final class AlreadyRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyRunning(String message) {
      super(message);
    }
  }

  /** A component did not come up; everything started was stopped again. */
  public static final class StartFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartFailed(String message) {
      super(message);
    }
  }

  private final UpOptions o;
  private final StoreRoutes routes;
  private final Path dir;
  private final Consumer<String> progress;
  private final List<Component> started = new ArrayList<>();
  private final Readiness readiness;
  private final Path kubeconfig;
  private final IntFunction<List<Integer>> portSource;
  /** Length of each component's log when it was launched: only what follows is its run's. */
  private final Map<String, Long> logStarts = new HashMap<>();
  private List<String> endpoints = List.of();
  private String serverUrl;
  private String haproxyUrl;
  private String statsUrl;
  /** The certificates of a secure plane; null for {@code --insecure}. */
  private UpPki pki;

  private ControlPlane(UpOptions options, StoreRoutes routes, IntFunction<List<Integer>> portSource,
      Consumer<String> progress) {
    this.o = options;
    this.portSource = portSource;
    this.routes = routes;
    this.dir = options.dir().toAbsolutePath();
    this.progress = progress;
    this.readiness = new Readiness(options.timeoutSeconds(), logStarts);
    this.kubeconfig = dir.resolve("kubeconfig");
  }

  /** Starts a control plane in {@code options.dir()}; returns once every component is ready. */
  public static ControlPlaneState up(UpOptions options, Consumer<String> progress)
      throws IOException {
    return up(options, StoreRoutes.DIRECT, progress);
  }

  /** As {@link #up(UpOptions, Consumer)}, each API server dialing the store as {@code routes} say. */
  public static ControlPlaneState up(UpOptions options, StoreRoutes routes,
      Consumer<String> progress) throws IOException {
    return up(options, routes, Ports::pick, progress);
  }

  /** As {@link #up(UpOptions, StoreRoutes, Consumer)}, with ports from {@code portSource} (tests take one). */
  static ControlPlaneState up(UpOptions options, StoreRoutes routes,
      IntFunction<List<Integer>> portSource, Consumer<String> progress) throws IOException {
    return new ControlPlane(options, routes, portSource, progress).start();
  }

  private ControlPlaneState start() throws IOException {
    refuseWhenRunning();
    Files.createDirectories(dir.resolve("logs"));
    try {
      if (o.secure()) {
        pki = UpPki.create(dir.resolve("pki"), java.time.Instant.now());
        readiness.use(Probes.Access.of(dir));
        progress.accept("certificates in " + pki.dir() + " (CA " + pki.ca().getFileName()
            + "; the kubeconfig's user is " + UpPki.ADMIN_USER + " in system:masters)");
      }
      endpoints = startStore();
      List<String> apiUrls = startApiServers();
      if (Files.isExecutable(o.haproxyBinary())) {
        startHaproxy(apiUrls);
        serverUrl = haproxyUrl;
      } else {
        progress.accept(o.haproxyBinary() + " is not installed (apt-get install haproxy): no load "
            + "balancer, the kubeconfig points at " + apiUrls.get(0) + " only");
        serverUrl = apiUrls.get(0);
      }
      Files.deleteIfExists(kubeconfig);
      Files.createFile(kubeconfig, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(kubeconfig, Kubeconfig.render(serverUrl, pki));
      startControllerManagers();
      if (pki != null) {
        checkAccess();
      }
      return saveState();
    } catch (RuntimeException | IOException e) {
      progress.accept("start failed: stopping what was started");
      Teardown.stop(started, line -> progress.accept("  " + line));
      Files.deleteIfExists(ControlPlaneState.file(dir));
      throw e;
    }
  }

  private void refuseWhenRunning() throws IOException {
    var previous = ControlPlaneState.read(dir);
    if (previous.isPresent() && !previous.get().running().isEmpty()) {
      List<Component> alive = previous.get().running();
      throw new AlreadyRunning("a control plane is already running in " + dir + " ("
          + alive.size() + " processes, e.g. " + alive.get(0).name() + " pid " + alive.get(0).pid()
          + ", server " + previous.get().serverUrl() + "); run './plumbline down --dir " + dir
          + "' first");
    }
  }

  private List<String> startStore() throws IOException {
    return onPickedPorts(2 * STORE_MEMBERS, this::startStoreOn);
  }

  private List<String> startStoreOn(List<Integer> ports) throws IOException {
    deleteRecursively(dir.resolve("store")); // a new cluster: no data of an earlier one or attempt
    String initial = InitialCluster.of(IntStream.range(0, STORE_MEMBERS).mapToObj(i -> "n" + (i + 1)).toList(),
        i -> scheme() + "127.0.0.1:" + ports.get(2 * i + 1));
    List<String> clients = new ArrayList<>();
    List<Component> members = new ArrayList<>();
    for (int i = 0; i < STORE_MEMBERS; i++) {
      String name = "n" + (i + 1);
      String client = scheme() + "127.0.0.1:" + ports.get(2 * i);
      Path data = dir.resolve("store").resolve(name);
      members.add(launch("store-" + (i + 1), Component.Kind.STORE, client,
          Commands.storeSignature(o, data), Commands.storeMember(o, name, data, client,
              scheme() + "127.0.0.1:" + ports.get(2 * i + 1), initial, pki)));
      clients.add(client);
    }
    progress.accept("starting " + STORE_MEMBERS + " " + o.store() + " store members: "
        + String.join(",", clients));
    long t0 = System.nanoTime();
    String leader = readiness.awaitStoreLeader(members);
    progress.accept("store ready in " + seconds(t0) + ": " + leader);
    return clients;
  }

  private List<String> startApiServers() throws IOException {
    return onPickedPorts(o.apiServers(), this::startApiServersOn);
  }

  private List<String> startApiServersOn(List<Integer> ports) throws IOException {
    List<Component> servers = new ArrayList<>();
    for (int i = 0; i < o.apiServers(); i++) {
      String name = "apiserver-" + (i + 1);
      Path marker = dir.resolve(name);
      servers.add(launch(name, Component.Kind.APISERVER, scheme() + "127.0.0.1:" + ports.get(i),
          Commands.marker(marker.toString()),
          Commands.apiServer(o, marker, ports.get(i), routes.endpointsFor(name, endpoints), pki)));
    }
    progress.accept("starting " + o.apiServers() + " API servers (" + o.nodes()
        + " simulated Ready nodes node-1..node-" + o.nodes() + ")");
    long t0 = System.nanoTime();
    readiness.awaitHttp(servers, "/readyz");
    progress.accept("API servers ready in " + seconds(t0));
    return servers.stream().map(Component::url).toList();
  }

  private void startHaproxy(List<String> apiUrls) throws IOException {
    onPickedPorts(2, ports -> startHaproxyOn(apiUrls, ports));
  }

  private Void startHaproxyOn(List<String> apiUrls, List<Integer> ports) throws IOException {
    Path config = dir.resolve("haproxy.cfg");
    Files.writeString(config, HaproxyConfig.render(ports.get(0), ports.get(1),
        apiUrls.stream().map(u -> u.substring(scheme().length())).toList(), pki != null));
    haproxyUrl = scheme() + "127.0.0.1:" + ports.get(0);
    statsUrl = "http://127.0.0.1:" + ports.get(1) + "/stats";
    Component haproxy = launch("haproxy", Component.Kind.HAPROXY, haproxyUrl, config.toString(),
        Commands.haproxy(o, config));
    long t0 = System.nanoTime();
    readiness.awaitHttp(List.of(haproxy), "/readyz");
    readiness.awaitHaproxyBackendsUp(haproxy, statsUrl, apiUrls.size());
    progress.accept("HAProxy ready in " + seconds(t0) + ": " + haproxyUrl + " (stats " + statsUrl
        + ")");
    return null;
  }

  /**
   * Runs one tier's start on picked ports through {@link Ports#withRetry}: when a component could
   * not bind a port (taken since it was picked), the tier's components are stopped and it starts
   * again on new ports, and the progress says so.
   */
  private <T> T onPickedPorts(int n, Ports.Start<T> tier) throws IOException {
    try {
      return Ports.withRetry(n, portSource, ports -> {
        int before = started.size();
        try {
          return tier.start(ports);
        } catch (Exception e) {
          if (Ports.isBindFailure(e)) {
            List<Component> attempt = new ArrayList<>(started.subList(before, started.size()));
            Teardown.stop(attempt, line -> progress.accept("  " + line));
            started.removeAll(attempt);
            saveState();
          }
          throw e;
        }
      }, progress);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // the tiers throw nothing else
    }
  }

  private void startControllerManagers() throws IOException {
    if (o.leaseTraceDir() != null) {
      Files.createDirectories(o.leaseTraceDir());
      Probes.createEmptyLease(Probes.Access.of(dir), serverUrl, LEASE_NAMESPACE, LEASE_NAME);
    }
    List<Component> managers = new ArrayList<>();
    for (int i = 0; i < o.controllers(); i++) {
      String name = "cm-" + (i + 1);
      Path marker = dir.resolve(name);
      managers.add(launch(name, Component.Kind.CONTROLLER_MANAGER, serverUrl,
          Commands.marker(marker.toString()),
          Commands.controllerManager(o, marker, name, serverUrl, pki)));
    }
    progress.accept("starting " + o.controllers() + " controller managers, each also a scheduler "
        + "candidate for lease kube-scheduler (lease "
        + o.leaseDurationMs() + " ms, renew deadline " + o.renewDeadlineMs() + " ms, retry "
        + o.retryPeriodMs() + " ms, fencing " + (o.fencing() ? "on" : "OFF in the API servers")
        + ")");
    long t0 = System.nanoTime();
    String leader = readiness.awaitLeaseHolder(managers, serverUrl);
    progress.accept("controller managers ready in " + seconds(t0) + ": " + leader + " leads");
  }

  /** The secure plane refuses anonymous, bogus and unauthorized writes, or it does not start. */
  private void checkAccess() throws IOException {
    AccessCheck.Result r = AccessCheck.run(serverUrl,
        io.plumbline.common.tls.JdkTls.context(null,
            io.plumbline.common.tls.Pem.readCertificates(pki.ca())),
        pki.context("controller-manager"));
    r.probes().forEach(line -> progress.accept("  " + line));
    if (r.verdict() == AccessCheck.Verdict.INVALID) {
      throw new StartFailed("the API servers accept writes they must refuse (above)");
    }
    progress.accept("access check " + r.verdict() + ": anonymous, bogus-token and unauthorized "
        + "writes " + (r.verdict() == AccessCheck.Verdict.VALID ? "refused" : "not all probed"));
  }

  private Component launch(String name, Component.Kind kind, String url, String signature,
      List<String> command) throws IOException {
    Path log = dir.resolve("logs").resolve(name + ".log");
    boolean java = command.contains(ComponentMain.class.getName());
    logStarts.put(log.toString(), Files.exists(log) ? Files.size(log) : 0L);
    ProcessHandle h = DetachedProcess.start(command, log,
        java ? DetachedProcess.javaClassPath() : null);
    Component c = new Component(name, kind, h.pid(), DetachedProcess.startedAtMs(h), url,
        signature, log.toString(), List.copyOf(command));
    started.add(c);
    saveState();
    return c;
  }

  /**
   * Starts component {@code name} of the control plane in {@code dir} again with its recorded
   * command (after a kill: a store member recovers from its data directory), records the new
   * PID; refuses while the recorded process still runs.
   */
  public static Component restart(Path dir, String name) throws IOException {
    ControlPlaneState state = ControlPlaneState.read(dir).orElseThrow(() ->
        new IllegalStateException("no control plane recorded in " + dir));
    Component old = state.components().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no component " + name + " in " + dir));
    if (DetachedProcess.find(old).isPresent()) {
      throw new IllegalStateException(name + " (pid " + old.pid() + ") is still running");
    }
    boolean java = old.command().contains(ComponentMain.class.getName());
    ProcessHandle h = DetachedProcess.start(old.command(), Path.of(old.log()),
        java ? DetachedProcess.javaClassPath() : null);
    Component fresh = old.restarted(h.pid(), DetachedProcess.startedAtMs(h));
    List<Component> components = state.components().stream()
        .map(c -> c.name().equals(name) ? fresh : c).toList();
    new ControlPlaneState(state.store(), state.serverUrl(), state.haproxyUrl(),
        state.haproxyStatsUrl(), state.storeEndpoints(), state.kubeconfig(),
        state.leaseNamespace(), state.leaseName(), components).write(dir);
    return fresh;
  }

  /** Records what runs so far, so that {@code down} can stop even a half-started plane. */
  private ControlPlaneState saveState() throws IOException {
    ControlPlaneState state = new ControlPlaneState(o.store(), serverUrl, haproxyUrl, statsUrl,
        endpoints, kubeconfig.toString(), LEASE_NAMESPACE, LEASE_NAME, List.copyOf(started));
    state.write(dir);
    return state;
  }

  private String scheme() {
    return pki == null ? "http://" : "https://";
  }

  private static String seconds(long t0) {
    return String.format("%.1f s", (System.nanoTime() - t0) / 1e9);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
