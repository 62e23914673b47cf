package io.plumbline.db;

import io.plumbline.common.InitialCluster;
import io.plumbline.common.net.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of N member processes on 127.0.0.1 (real etcd by default, or any {@link MemberCommand}),
 * each on picked client and peer ports (started again on new ones when a port was taken meanwhile,
 * see {@link Ports#withRetry}) with its own temporary data directory. Starts them all at
 * once (one at a time, the first would wait for a quorum that never comes), waits until each is
 * healthy, and can kill, restart, pause (SIGSTOP) and resume (SIGCONT) members by PID. {@link
 * #close()} stops every process it started and deletes its data.
 *
 * <p>Not thread-safe: one harness thread drives a cluster.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private final MemberCommand command;
  private final HealthProbe probe;
  private final Path root;
  private final List<Member> members;
  private final MemberProcesses processes;
  private final String clusterToken;
  /** Kills the members if the JVM exits without {@link #close()} (e.g. Ctrl-C), so no etcd outlives us. */
  private final Thread shutdownHook;

  private LocalCluster(Options options, Path root, List<Member> members) {
    this.command = options.command();
    this.probe = options.probe();
    this.root = root;
    this.members = List.copyOf(members);
    this.processes = new MemberProcesses(members, options.probe(), options.startTimeout());
    this.clusterToken = "plumbline-" + root.getFileName();
    this.shutdownHook = new Thread(processes::stopAll, "local-cluster-stop");
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
    /** Real etcd, {@code size} members, gRPC status probe, 60 s to become healthy. */
    public static Options etcd(int size) {
      return new Options(size, MemberCommand.etcd(), StatusProbe.grpc(Duration.ofSeconds(2)), Duration.ofSeconds(60));
    }
  }

  /**
   * Starts every member and waits until all are healthy; on failure stops what it started. When a
   * member could not bind a port it was given, starts the whole cluster again on new ports and logs
   * that it did.
   */
  public static LocalCluster start(Options options) {
    return start(options, Ports::pick, LOG::warn);
  }

  /**
   * As {@link #start(Options)}, with the ports from {@code ports} and each retry said through
   * {@code say}.
   */
  public static LocalCluster start(Options options, IntFunction<List<Integer>> ports, Consumer<String> say) {
    if (options.size() < 1) {
      throw new IllegalArgumentException("a cluster needs at least one member, not " + options.size());
    }
    try {
      return Ports.withRetry(2 * options.size(), ports, picked -> startOn(options, picked), say);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // startOn throws only unchecked exceptions
    }
  }

  private static LocalCluster startOn(Options options, List<Integer> ports) {
    Path root = createRoot("plumbline-cluster-");
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
      cluster.processes.awaitAllHealthy(cluster.clientUrls());
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
    return processes.pid(i);
  }

  public boolean isRunning(int i) {
    return processes.isRunning(i);
  }

  /** SIGKILL to member {@code i}; returns when the process is gone. Its data directory stays. */
  public void kill(int i) {
    processes.kill(i);
  }

  /** Starts a killed member again on its old data directory and waits until it is healthy. */
  public void restart(int i) {
    if (isRunning(i)) {
      throw new IllegalStateException("member " + members.get(i).name() + " is still running (pid " + pid(i) + ")");
    }
    launch(members.get(i), "existing");
    processes.awaitHealthy(i, members.get(i).clientUrl());
  }

  /** SIGSTOP: the member keeps its sockets but answers nothing, as a hung process would. */
  public void pause(int i) {
    processes.signal(i, "STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume(int i) {
    processes.signal(i, "CONT");
  }

  /** True when member {@code i} answers the health probe now. */
  public boolean healthy(int i) {
    return probe.healthy(members.get(i).clientUrl());
  }

  /** The last {@code maxBytes} of member {@code i}'s log (for error messages). */
  public String logTail(int i, int maxBytes) {
    return processes.logTail(i, maxBytes);
  }

  /** Kills every process this cluster started (resuming paused ones first) and deletes its directory. */
  @Override
  public void close() {
    processes.stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran; nothing left to undo
    }
    deleteTree(root);
  }

  private void launch(Member m, String state) {
    processes.launch(m.index(), command.renderFor(m, members, state, clusterToken), Map.of());
  }

  /** {@code m0=URL,m1=URL,…} with each member's URL from {@code url}, as {@code --initial-cluster} takes it. */
  public static String initialCluster(List<Member> members, java.util.function.Function<Member, String> url) {
    return InitialCluster.of(members.stream().map(Member::name).toList(), i -> url.apply(members.get(i)));
  }

  /** A fresh temporary directory for one cluster's data and logs. */
  public static Path createRoot(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for the cluster", e);
    }
  }

  /** Deletes a cluster's directory; a directory that is already gone is fine. */
  public static void deleteTree(Path dir) {
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
