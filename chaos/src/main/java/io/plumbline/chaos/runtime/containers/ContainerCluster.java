package io.plumbline.chaos.runtime.containers;

import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.runtime.local.MemberLogConfig;
import io.plumbline.common.net.Ports;
import io.plumbline.db.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * One container per member on a Docker network created for the run. Clients reach member {@code i}
 * at {@code http://127.0.0.1:<port i>} (a port picked at start and kept across restarts); members
 * reach each other by name ({@code m0:2380}) on the run's network. Faults: partitions and client cuts
 * are iptables tables loaded inside the containers ({@link IptablesRules}, needs {@code NET_ADMIN}),
 * clock offsets are libfaketime files for JVM members ({@link ContainerClock}), kill is {@code
 * docker kill} (SIGKILL) and {@code docker start} on the same container, so its data survives; pause
 * is {@code docker pause} (the cgroup freezer). Everything the run creates carries {@link RunLabels}
 * and is removed by {@link #close()}, by a shutdown hook on Ctrl-C, or by the next run's sweep.
 */
public final class ContainerCluster implements ChaosCluster {
  private final String runId;
  private final ContainerTarget target;
  private final Duration startTimeout;
  private final List<String> names;
  private final List<Integer> hostPorts;
  private final boolean[] running;
  private final boolean[] paused;
  private final Thread cleanupHook;
  /**
   * Host directory of the run, bind-mounted read-only into every member at the same path: the member
   * log configuration ({@code {log-config}}) and the fake clocks' offset files.
   */
  private final Path runDir;
  /** Fake clocks of the members, or null when the target's clock cannot be faked. */
  private final ContainerClock clock;
  /** Why the clock cannot be moved although the target could be (library missing in the image), else null. */
  private String clockMissing;
  private PartitionPlan plan;
  private Set<Integer> clientCut = Set.of();
  private boolean closed;

  private ContainerCluster(String runId, ContainerTarget target, Duration startTimeout, int size, List<Integer> hostPorts) {
    this.runId = runId;
    this.target = target;
    this.startTimeout = startTimeout;
    this.names = IntStream.range(0, size).mapToObj(i -> "m" + i).toList();
    this.hostPorts = List.copyOf(hostPorts);
    this.running = new boolean[size];
    this.paused = new boolean[size];
    this.runDir = LocalCluster.createRoot("plumbline-chaos-" + runId + "-");
    this.clock = target.fakeableClock() ? ContainerClock.in(runDir, size) : null;
    this.cleanupHook = new Thread(() -> {
      RunLabels.removeRun(runId);
      deleteRunDir();
    }, "plumbline-chaos-cleanup-" + runId);
  }

  /**
   * Sweeps what dead runs left, creates the network, starts {@code size} members at once and waits
   * until every one is healthy. On any failure everything created so far is removed.
   */
  public static ContainerCluster start(int size, ContainerTarget target, Duration startTimeout, Consumer<String> progress) {
    int swept = RunLabels.sweepAbandoned();
    if (swept > 0) {
      progress.accept("removed " + swept + " container(s)/network(s) left by earlier runs");
    }
    try {
      return Ports.withRetry(size, ports -> startOn(size, target, startTimeout, ports, progress), progress);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // startOn throws only unchecked exceptions
    }
  }

  /**
   * One attempt with the client ports published on {@code hostPorts}; Docker refuses a port taken
   * since it was picked ("port is already allocated"), and {@link #start} tries new ones.
   */
  private static ContainerCluster startOn(int size, ContainerTarget target, Duration startTimeout, List<Integer> hostPorts,
      Consumer<String> progress) {
    ContainerCluster c = new ContainerCluster(UUID.randomUUID().toString().substring(0, 8), target, startTimeout, size, hostPorts);
    Runtime.getRuntime().addShutdownHook(c.cleanupHook);
    try {
      List<String> net = new ArrayList<>(List.of("network", "create"));
      net.addAll(RunLabels.options(c.runId));
      net.add(c.network());
      Docker.run(net, null);
      // All members at once: a lone first member would wait for a quorum that never comes.
      CompletableFuture.allOf(IntStream.range(0, size)
          .mapToObj(i -> CompletableFuture.runAsync(() -> c.create(i))).toArray(CompletableFuture[]::new)).join();
      CompletableFuture.allOf(IntStream.range(0, size)
          .mapToObj(i -> CompletableFuture.runAsync(() -> c.awaitHealthy(i))).toArray(CompletableFuture[]::new)).join();
      c.checkClock(progress);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  public String runId() {
    return runId;
  }

  /** The container of member {@code i} ({@code plumbline-<run>-m<i>}). */
  public String container(int i) {
    return "plumbline-" + runId + "-" + names.get(i);
  }

  String network() {
    return "plumbline-" + runId;
  }

  private void create(int i) {
    String name = names.get(i);
    List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", container(i), "--hostname", name,
        "--network", network(), "--network-alias", name, "--cap-add", "NET_ADMIN",
        "-p", "127.0.0.1:" + hostPorts.get(i) + ":" + ContainerTarget.CLIENT_PORT));
    cmd.addAll(RunLabels.options(runId));
    Map<String, String> values = ContainerTarget.values(name, names, "plumbline-" + runId);
    for (var e : values.entrySet()) {
      String key = e.getKey().substring(1, e.getKey().length() - 1).toUpperCase().replace('-', '_');
      cmd.addAll(List.of("-e", "PLUMBLINE_" + key + "=" + e.getValue()));
    }
    if (clock != null || String.join(" ", target.args()).contains("{log-config}")) {
      cmd.addAll(List.of("-v", runDir + ":" + runDir + ":ro")); // only then: a remote engine could not see it
    }
    cmd.addAll(target.runOptions());
    if (clock != null) {
      cmd.addAll(clock.runOptions(i));
    }
    cmd.add(target.image());
    Map<String, String> withLogConfig = new HashMap<>(values);
    withLogConfig.put("{log-config}", MemberLogConfig.write(runDir).toString());
    cmd.addAll(target.render(withLogConfig));
    Docker.run(cmd, null);
    synchronized (this) {
      running[i] = true;
    }
  }

  @Override
  public int size() {
    return names.size();
  }

  @Override
  public List<String> clientUrls() {
    return hostPorts.stream().map(p -> "http://127.0.0.1:" + p).toList();
  }

  @Override
  public synchronized void partition(PartitionPlan p) {
    if (p.members() != size()) {
      throw new IllegalArgumentException("plan for " + p.members() + " members, cluster has " + size());
    }
    plan = p;
    loadRules(IntStream.range(0, size()).boxed().toList());
  }

  @Override
  public synchronized void healNetwork() {
    plan = null;
    clientCut = Set.of();
    loadRules(IntStream.range(0, size()).boxed().toList());
  }

  /** Clients reach every member through its published port; its container's table can drop them. */
  @Override
  public boolean supportsClientCuts() {
    return true;
  }

  @Override
  public synchronized void cutClients(Set<Integer> members) {
    clientCut = Set.copyOf(members);
    loadRules(IntStream.range(0, size()).boxed().toList());
  }

  /** True while some rule is in force, i.e. a member that restarts or resumes needs its table reloaded. */
  private boolean hasRules() {
    return plan != null || !clientCut.isEmpty();
  }

  /** Loads the current plan's and client cut's table into each listed member that can take it (running, not frozen). */
  private void loadRules(List<Integer> members) {
    List<String> ips = addresses();
    PartitionPlan p = plan;
    Set<Integer> cut = clientCut;
    CompletableFuture.allOf(members.stream().filter(i -> running[i] && !paused[i])
        .map(i -> CompletableFuture.runAsync(() -> Docker.run(List.of("exec", "-i", container(i), "iptables-restore"),
            IptablesRules.forMember(p, cut.contains(i), i, ips))))
        .toArray(CompletableFuture[]::new)).join();
  }

  /** Every member's address on the run's network (empty while stopped: a restart may change it). */
  private List<String> addresses() {
    List<String> cmd = new ArrayList<>(List.of("inspect", "--format",
        "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}|"));
    IntStream.range(0, size()).forEach(i -> cmd.add(container(i)));
    String[] lines = Docker.run(cmd, null).split("\n");
    List<String> ips = new ArrayList<>();
    for (String l : lines) {
      ips.add(l.strip().replace("|", ""));
    }
    return ips;
  }

  @Override
  public synchronized void kill(int i) {
    if (running[i]) {
      Docker.run("kill", container(i)); // SIGKILL; also ends a frozen container
      running[i] = false;
      paused[i] = false;
    }
  }

  @Override
  public void restart(int i) {
    synchronized (this) {
      if (running[i]) {
        throw new IllegalStateException("member " + names.get(i) + " is still running");
      }
      Docker.run("start", container(i));
      running[i] = true;
      if (hasRules()) {
        loadRules(IntStream.range(0, size()).boxed().toList()); // its rules vanished; its address may be new
      }
    }
    awaitHealthy(i);
  }

  @Override
  public synchronized boolean isRunning(int i) {
    return running[i];
  }

  @Override
  public synchronized void pause(int i) {
    if (!running[i]) {
      throw new IllegalStateException("member " + names.get(i) + " is not running");
    }
    Docker.run("pause", container(i));
    paused[i] = true;
  }

  @Override
  public synchronized void resume(int i) {
    if (paused[i]) {
      Docker.run("unpause", container(i));
      paused[i] = false;
      if (hasRules()) {
        loadRules(List.of(i));
      }
    }
  }

  /** Checks once that the image has libfaketime: without it LD_PRELOAD is ignored and clocks would not move. */
  private void checkClock(Consumer<String> progress) {
    if (clock != null && !ContainerClock.presentIn(container(0))) {
      clockMissing = target.image() + " has no " + ContainerClock.library() + " (Debian package libfaketime)";
      progress.accept("clock faults unavailable: " + clockMissing);
    }
  }

  @Override
  public boolean supportsClockFaults() {
    return clock != null && clockMissing == null;
  }

  @Override
  public void setClockOffset(int i, long seconds) {
    if (!supportsClockFaults()) {
      throw new UnsupportedOperationException(clock == null
          ? "the clock of " + target.name() + " cannot be faked (only JVM members read time through libc)" : clockMissing);
    }
    clock.setOffsetSeconds(i, seconds);
  }

  @Override
  public void saveLogs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    for (int i = 0; i < size(); i++) {
      Docker.logsTo(container(i), dir.resolve(names.get(i) + ".log"));
    }
  }

  /** Removes the run's containers and network; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RunLabels.removeRun(runId);
    deleteRunDir();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook is running or ran already
    }
  }

  private void deleteRunDir() {
    try {
      LocalCluster.deleteTree(runDir);
    } catch (UncheckedIOException e) {
      // best effort: a few small files in a temporary directory left behind are harmless
    }
  }

  /** Polls the probe every 200 ms (a container, not a test); fails early when the container exits. */
  private void awaitHealthy(int i) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    String url = clientUrls().get(i);
    int polls = 0;
    while (System.nanoTime() < deadline) {
      if (target.probe().healthy(url)) {
        return;
      }
      if (++polls % 10 == 0 && !Docker.run("inspect", "--format", "{{.State.Running}}", container(i)).equals("true")) {
        throw new IllegalStateException("member " + names.get(i) + " (" + target.name() + ") exited: "
            + lastLogLine(i));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + names.get(i), e);
      }
    }
    throw new IllegalStateException("member " + names.get(i) + " (" + target.name() + ") not healthy after "
        + startTimeout.toSeconds() + " s: " + lastLogLine(i));
  }

  private String lastLogLine(int i) {
    Docker.Result r = Docker.call(List.of("logs", "--tail", "3", container(i)), null, Duration.ofSeconds(30));
    String text = (r.out() + r.err()).strip();
    return text.isEmpty() ? "(no output; see docker logs " + container(i) + ")" : text.replace('\n', ' ');
  }
}
