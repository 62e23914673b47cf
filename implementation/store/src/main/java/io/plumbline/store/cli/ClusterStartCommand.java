package io.plumbline.store.cli;

import io.etcd.jetcd.api.StatusResponse;
import io.plumbline.common.InitialCluster;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.db.MemberCommand;
import io.plumbline.db.StatusProbe;
import io.plumbline.store.fault.FaultMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./plumbline cluster start}: member processes in the background; returns once there is a leader. */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = "Start N member processes on 127.0.0.1, wait for a leader, print the client endpoints.")
public final class ClusterStartCommand implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "3", description = "Members, 1..9 (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--base-port", defaultValue = "2379",
      description = "Member i listens for clients on base+2i and peers on base+2i+1 (default ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--data-dir", defaultValue = "/tmp/plumbline-cluster",
      description = "Data directories, logs and the pid file go here (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--timeout", defaultValue = "30", description = "Seconds to wait for a leader (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin FaultOptions faults;

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || nodes > 9) {
      throw new UserError("--nodes: expected 1..9, got " + nodes);
    }
    if (basePort < 1024 || basePort + 2 * nodes > 65535) {
      throw new UserError("--base-port: expected 1024..65535 with room for " + 2 * nodes + " ports, got " + basePort);
    }
    FaultMode mode = faults.mode();
    Files.createDirectories(dir);
    for (Map.Entry<String, Long> e : PidFile.read(dir).entrySet()) {
      if (PidFile.isOurs(e.getValue())) {
        throw new UserError("--data-dir " + dir + ": a cluster is running there (" + e.getKey() + " pid "
            + e.getValue() + "); run 'plumbline cluster stop --data-dir " + dir + "' first");
      }
    }
    String initial = InitialCluster.of(IntStream.range(0, nodes).mapToObj(i -> "n" + (i + 1)).toList(),
        i -> "http://127.0.0.1:" + peerPort(i));
    Map<String, Long> pids = new LinkedHashMap<>();
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      String name = "n" + (i + 1);
      pids.put(name, launch(name, i, initial));
      endpoints.add("http://127.0.0.1:" + clientPort(i));
    }
    PidFile.write(dir, pids);
    System.out.println("started " + nodes + " members (pids " + pids.values() + "), logs in " + dir);
    String leader = awaitLeader(nodes, pids, initial);
    System.out.println("leader: " + leader);
    System.out.println("endpoints: " + String.join(",", endpoints));
    if (mode != null) {
      System.out.println("FAULT MODE " + mode.flag() + " (seed " + faults.seed + "): " + mode.meaning());
    }
    return 0;
  }

  private int clientPort(int i) {
    return basePort + 2 * i;
  }

  private int peerPort(int i) {
    return basePort + 2 * i + 1;
  }

  private long launch(String name, int i, String initial) throws IOException {
    List<String> launcher = new ArrayList<>(SelfLauncher.javaCommand());
    launcher.add("store");
    List<String> cmd = MemberCommand.referenceStoreLaunchedBy(launcher, faults.memberArgs()).render(Map.of(
        "{name}", name, "{data-dir}", dir.resolve(name).toString(),
        "{client-url}", "http://127.0.0.1:" + clientPort(i),
        "{peer-url}", "http://127.0.0.1:" + peerPort(i), "{initial-cluster}", initial));
    Path log = dir.resolve(name + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return p.pid();
  }

  /**
   * Polls every member's status until one of OUR members reports itself leader (the member id
   * proves it is not some other server on the port); fails when a member process died.
   */
  private String awaitLeader(int n, Map<String, Long> pids, String initial) throws InterruptedException {
    Map<String, java.net.URI> cluster = ClusterFlags.initialCluster(initial);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < n; i++) {
        String name = "n" + (i + 1);
        if (!ProcessHandle.of(pids.get(name)).map(ProcessHandle::isAlive).orElse(false)) {
          throw new UserError("cluster start: member " + name + " exited; see " + dir.resolve(name + ".log")
              + " (the cluster's other members are still running: 'plumbline cluster stop --data-dir " + dir + "')", 1);
        }
        StatusResponse s = StatusProbe.withLeader("http://127.0.0.1:" + clientPort(i), Duration.ofMillis(500), EtcdAccess.NONE)
            .orElse(null);
        long id = io.plumbline.store.node.Ids.memberId(name, cluster.get(name));
        if (s != null && s.getHeader().getMemberId() == id && s.getLeader() == id) {
          return "n" + (i + 1) + " (http://127.0.0.1:" + clientPort(i) + ", term " + s.getRaftTerm() + ")";
        }
      }
      TimeUnit.MILLISECONDS.sleep(200); // polling a separate process; no event to wait on
    }
    throw new UserError("cluster start: no leader after " + timeoutSeconds + " s; see the logs in " + dir, 1);
  }
}
