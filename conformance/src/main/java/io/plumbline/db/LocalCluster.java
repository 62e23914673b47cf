package io.plumbline.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A cluster of N member processes on 127.0.0.1 (real etcd by default, or any {@link MemberCommand}),
 * each on free client and peer ports with its own temporary data directory. Starts them all at
 * once (one at a time, the first would wait for a quorum that never comes), waits until each is
 * healthy, and can kill, restart, pause (SIGSTOP) and resume (SIGCONT) members by PID. {@link
 * #close()} stops every process it started and deletes its data.
 *
 * <p>Not thread-safe: one harness thread drives a cluster.
 */
public final class LocalCluster implements AutoCloseable {
  private final MemberCommand command;
  private final HealthProbe probe;
  private final Duration startTimeout;
  private final Path root;
  private final List<Member> members;
  private final Process[] processes;
  private final String clusterToken;
  /** Kills the members if the JVM exits without {@link #close()} (e.g. Ctrl-C), so no etcd outlives us. */
  private final Thread shutdownHook = new Thread(this::stopProcesses, "local-cluster-stop");

  private LocalCluster(Options options, Path root, List<Member> members) {
    this.command = options.command();
    this.probe = options.probe();
    this.startTimeout = options.startTimeout();
    this.root = root;
    this.members = List.copyOf(members);
    this.processes = new Process[members.size()];
    this.clusterToken = "plumbline-" + root.getFileName();
  }

  /**
   * How to launch a cluster.
   *
   * @param size number of members (1, 3, 5, …)
   * @param command the member command template
   * @param probe health check for one member
   * @param startTimeout how long {@link #start} and {@link #restart} wait for health
   */
  public record Options(int size, MemberCommand command, HealthProbe probe, Duration startTimeout) {
    /** Real etcd, {@code size} members, HTTP /health, 60 s to become healthy. */
    public static Options etcd(int size) {
      return new Options(size, MemberCommand.etcd(), HealthProbe.http(Duration.ofSeconds(2)), Duration.ofSeconds(60));
    }
  }

  /** Starts every member and waits until all are healthy; on failure stops what it started. */
  public static LocalCluster start(Options options) {
    if (options.size() < 1) {
      throw new IllegalArgumentException("a cluster needs at least one member, not " + options.size());
    }
    Path root = createRoot();
    List<Integer> ports = FreePorts.pick(2 * options.size());
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String name = "m" + i;
      members.add(new Member(i, name, "http://127.0.0.1:" + ports.get(2 * i), "http://127.0.0.1:" + ports.get(2 * i + 1),
          root.resolve(name + ".data"), root.resolve(name + ".log")));
    }
    LocalCluster cluster = new LocalCluster(options, root, members);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      for (Member m : members) {
        cluster.launch(m, "new");
      }
      for (Member m : members) {
        cluster.awaitHealthy(m.index());
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public List<Member> members() {
    return members;
  }

  /** Client URLs of all members, in member order. */
  public List<String> clientUrls() {
    return members.stream().map(Member::clientUrl).toList();
  }

  /** The same, comma-separated, as {@code --endpoints} takes them. */
  public String endpoints() {
    return String.join(",", clientUrls());
  }

  /** PID of member {@code i}'s process, or -1 when it is not running. */
  public long pid(int i) {
    Process p = processes[i];
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  public boolean isRunning(int i) {
    return pid(i) > 0;
  }

  /** SIGKILL to member {@code i}; returns when the process is gone. Its data directory stays. */
  public void kill(int i) {
    Process p = processes[i];
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    waitFor(p);
    processes[i] = null;
  }

  /** Starts a killed member again on its old data directory and waits until it is healthy. */
  public void restart(int i) {
    if (isRunning(i)) {
      throw new IllegalStateException("member " + members.get(i).name() + " is still running (pid " + pid(i) + ")");
    }
    launch(members.get(i), "existing");
    awaitHealthy(i);
  }

  /** SIGSTOP: the member keeps its sockets but answers nothing, as a hung process would. */
  public void pause(int i) {
    signal(i, "STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume(int i) {
    signal(i, "CONT");
  }

  /** True when member {@code i} answers the health probe now. */
  public boolean healthy(int i) {
    return probe.healthy(members.get(i).clientUrl());
  }

  /** The last {@code maxBytes} of member {@code i}'s log (for error messages). */
  public String logTail(int i, int maxBytes) {
    try {
      byte[] all = Files.readAllBytes(members.get(i).logFile());
      int from = Math.max(0, all.length - maxBytes);
      return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Kills every process this cluster started (resuming paused ones first) and deletes its directory. */
  @Override
  public void close() {
    stopProcesses();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran; nothing left to undo
    }
    deleteTree(root);
  }

  private synchronized void stopProcesses() {
    for (int i = 0; i < processes.length; i++) {
      if (processes[i] != null) {
        processes[i].destroyForcibly(); // SIGKILL also ends a SIGSTOPped process
        waitFor(processes[i]);
        processes[i] = null;
      }
    }
  }

  private void launch(Member m, String state) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("{name}", m.name());
    values.put("{data-dir}", m.dataDir().toString());
    values.put("{client-url}", m.clientUrl());
    values.put("{peer-url}", m.peerUrl());
    values.put("{initial-cluster}", initialCluster());
    values.put("{initial-cluster-state}", state);
    values.put("{cluster-token}", clusterToken);
    ProcessBuilder pb = new ProcessBuilder(command.render(values))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(m.logFile().toFile()));
    try {
      processes[m.index()] = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start member " + m.name() + " with " + command.render(values) + ": "
          + e.getMessage(), e);
    }
  }

  private String initialCluster() {
    StringBuilder sb = new StringBuilder();
    for (Member m : members) {
      sb.append(sb.length() == 0 ? "" : ",").append(m.name()).append('=').append(m.peerUrl());
    }
    return sb.toString();
  }

  /** Polls the health probe every 100 ms; fails early with the log tail if the process exits. */
  private void awaitHealthy(int i) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Member m = members.get(i);
    while (System.nanoTime() < deadline) {
      Process p = processes[i];
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException("member " + m.name() + " exited"
            + (p == null ? "" : " with code " + p.exitValue()) + "; log tail:\n" + logTail(i, 2000));
      }
      if (probe.healthy(m.clientUrl())) {
        return;
      }
      pauseMillis(100);
    }
    throw new IllegalStateException("member " + m.name() + " at " + m.clientUrl() + " not healthy after "
        + startTimeout.toSeconds() + " s; log tail:\n" + logTail(i, 2000));
  }

  private void signal(int i, String signal) {
    long pid = pid(i);
    if (pid < 0) {
      throw new IllegalStateException("member " + members.get(i).name() + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
            + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + pid, e);
    }
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The launcher's poll interval: it polls a child process, not a test. */
  private static void pauseMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a member", e);
    }
  }

  private static Path createRoot() {
    try {
      return Files.createTempDirectory("plumbline-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the cluster", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
