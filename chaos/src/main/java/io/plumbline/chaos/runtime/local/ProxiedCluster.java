package io.plumbline.chaos.runtime.local;

import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.db.FreePorts;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.Member;
import io.plumbline.db.MemberCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Members as local processes on 127.0.0.1 with a {@link TcpProxy} in front of every member's peer
 * port, so that partitions work without root. Each member listens for peers on a private port
 * ({@code {listen-peer-url}}) and advertises its proxy's URL ({@code {peer-url}}); the proxies carry
 * a link only while the current {@link PartitionPlan} allows it.
 *
 * <p>Command templates use the placeholders of {@link MemberCommand} plus {@code {listen-peer-url}}.
 */
public final class ProxiedCluster implements ChaosCluster {
  private final MemberCommand command;
  private final HealthProbe probe;
  private final Duration startTimeout;
  private final Path root;
  private final List<Member> members;
  private final List<String> listenPeerUrls;
  private final List<TcpProxy> proxies = new ArrayList<>();
  private final Process[] processes;
  private volatile PartitionPlan plan;

  private ProxiedCluster(MemberCommand command, HealthProbe probe, Duration startTimeout, Path root,
      List<Member> members, List<String> listenPeerUrls) {
    this.command = command;
    this.probe = probe;
    this.startTimeout = startTimeout;
    this.root = root;
    this.members = List.copyOf(members);
    this.listenPeerUrls = List.copyOf(listenPeerUrls);
    this.processes = new Process[members.size()];
  }

  /** etcd's member template with the peer listener moved to {@code {listen-peer-url}}. */
  public static MemberCommand etcdCommand(String program) {
    List<String> args = new ArrayList<>(MemberCommand.etcd(program).args());
    args.set(args.indexOf("--listen-peer-urls") + 1, "{listen-peer-url}");
    return new MemberCommand(args);
  }

  /** Starts {@code size} members of {@code command} behind proxies and waits until all are healthy. */
  public static ProxiedCluster start(int size, MemberCommand command, HealthProbe probe, Duration startTimeout) {
    if (!String.join(" ", command.args()).contains("{listen-peer-url}")) {
      throw new IllegalArgumentException("the member command must listen for peers on {listen-peer-url} "
          + "and advertise {peer-url}, so that the harness can put a proxy in between");
    }
    Path root = createRoot();
    List<Integer> ports = FreePorts.pick(3 * size);
    List<Member> members = new ArrayList<>();
    List<String> listen = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String name = "m" + i;
      members.add(new Member(i, name, url(ports.get(3 * i)), url(ports.get(3 * i + 1)),
          root.resolve(name + ".data"), root.resolve(name + ".log")));
      listen.add(url(ports.get(3 * i + 2)));
    }
    ProxiedCluster c = new ProxiedCluster(command, probe, startTimeout, root, members, listen);
    try {
      c.startProxies();
      for (Member m : members) {
        c.launch(m, "new");
      }
      for (Member m : members) {
        c.awaitHealthy(m.index());
      }
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void startProxies() {
    List<String> advertised = members.stream().map(Member::peerUrl).toList();
    LinkPolicy policy = (from, to) -> {
      PartitionPlan p = plan;
      if (p == null) {
        return true;
      }
      // An unidentified dialer is let through only to members nobody is cut from.
      return from == LinkPolicy.UNKNOWN ? p.cut().stream().noneMatch(l -> l.touches(to)) : !p.isCut(from, to);
    };
    for (Member m : members) {
      proxies.add(new TcpProxy(m.index(), port(m.peerUrl()), port(listenPeerUrls.get(m.index())), advertised, policy));
    }
  }

  public List<Member> members() {
    return members;
  }

  @Override
  public int size() {
    return members.size();
  }

  @Override
  public List<String> clientUrls() {
    return members.stream().map(Member::clientUrl).toList();
  }

  @Override
  public synchronized void partition(PartitionPlan p) {
    if (p.members() != members.size()) {
      throw new IllegalArgumentException("plan for " + p.members() + " members, cluster has " + members.size());
    }
    plan = p;
    proxies.forEach(TcpProxy::enforce);
  }

  @Override
  public synchronized void healNetwork() {
    plan = null;
  }

  @Override
  public synchronized void kill(int i) {
    Process p = processes[i];
    if (p != null) {
      p.destroyForcibly();
      waitFor(p);
      processes[i] = null;
    }
  }

  @Override
  public void restart(int i) {
    synchronized (this) {
      if (isRunning(i)) {
        throw new IllegalStateException("member " + members.get(i).name() + " is still running");
      }
      launch(members.get(i), "existing");
    }
    awaitHealthy(i);
  }

  @Override
  public synchronized boolean isRunning(int i) {
    return processes[i] != null && processes[i].isAlive();
  }

  @Override
  public void pause(int i) {
    Signals.send(pid(i), "STOP");
  }

  @Override
  public void resume(int i) {
    Signals.send(pid(i), "CONT");
  }

  private synchronized long pid(int i) {
    if (!isRunning(i)) {
      throw new IllegalStateException("member " + members.get(i).name() + " is not running");
    }
    return processes[i].pid();
  }

  @Override
  public void saveLogs(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Member m : members) {
        if (Files.exists(m.logFile())) {
          Files.copy(m.logFile(), dir.resolve(m.name() + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy member logs to " + dir, e);
    }
  }

  @Override
  public synchronized void close() {
    for (int i = 0; i < processes.length; i++) {
      kill(i); // SIGKILL also ends a SIGSTOPped process
    }
    proxies.forEach(TcpProxy::close);
    deleteTree(root);
  }

  private void launch(Member m, String state) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("{name}", m.name());
    values.put("{data-dir}", m.dataDir().toString());
    values.put("{client-url}", m.clientUrl());
    values.put("{listen-peer-url}", listenPeerUrls.get(m.index()));
    values.put("{peer-url}", m.peerUrl());
    values.put("{initial-cluster}", initialCluster());
    values.put("{initial-cluster-state}", state);
    values.put("{cluster-token}", "plumbline-chaos-" + root.getFileName());
    ProcessBuilder pb = new ProcessBuilder(command.render(values)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(m.logFile().toFile()));
    try {
      processes[m.index()] = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start member " + m.name() + ": " + e.getMessage(), e);
    }
  }

  private String initialCluster() {
    StringBuilder sb = new StringBuilder();
    for (Member m : members) {
      sb.append(sb.length() == 0 ? "" : ",").append(m.name()).append('=').append(m.peerUrl());
    }
    return sb.toString();
  }

  /** Polls the probe every 100 ms (polling a child process); fails early if the process exits. */
  private void awaitHealthy(int i) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Member m = members.get(i);
    while (System.nanoTime() < deadline) {
      Process p;
      synchronized (this) {
        p = processes[i];
      }
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException("member " + m.name() + " exited; log: " + m.logFile());
      }
      if (probe.healthy(m.clientUrl())) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + m.name(), e);
      }
    }
    throw new IllegalStateException("member " + m.name() + " not healthy after " + startTimeout.toSeconds()
        + " s; log: " + m.logFile());
  }

  private static String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  private static int port(String url) {
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path createRoot() {
    try {
      return Files.createTempDirectory("plumbline-chaos-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the cluster", e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory left behind is harmless
    }
  }
}
