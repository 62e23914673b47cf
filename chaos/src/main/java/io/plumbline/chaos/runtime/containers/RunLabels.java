package io.plumbline.chaos.runtime.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Labels every container and network of a run carries, and the sweep that removes what a run left
 * behind (a JVM killed with -9 runs no shutdown hook). A run's owner label is {@code host/pid}; the
 * sweep removes only objects whose owner process on this host is gone, so runs in parallel (other
 * test forks, other users of the engine) are never touched.
 */
public final class RunLabels {
  /** Present on everything the containers runtime creates. */
  public static final String OWNER = "io.plumbline.chaos.owner";
  /** The run's id (also in the names: {@code plumbline-<run>-m0}, network {@code plumbline-<run>}). */
  public static final String RUN = "io.plumbline.chaos.run";

  private RunLabels() {}

  /** {@code host/pid} of this JVM. */
  public static String owner() {
    return hostName() + "/" + ProcessHandle.current().pid();
  }

  /** {@code --label} options for {@code docker run} and {@code docker network create}. */
  public static List<String> options(String runId) {
    return List.of("--label", OWNER + "=" + owner(), "--label", RUN + "=" + runId);
  }

  /** Removes containers, then networks, whose owning process on this host no longer exists; returns how many. */
  public static int sweepAbandoned() {
    int removed = 0;
    for (String id : abandoned("ps", "-a")) {
      removed += Docker.call(List.of("rm", "-f", "-v", id), null, Duration.ofSeconds(60)).ok() ? 1 : 0;
    }
    for (String id : abandoned("network", "ls")) {
      removed += Docker.call(List.of("network", "rm", id), null, Duration.ofSeconds(60)).ok() ? 1 : 0;
    }
    return removed;
  }

  /** Removes everything labelled with {@code runId} (containers first: a network in use cannot go). */
  public static void removeRun(String runId) {
    String filter = "label=" + RUN + "=" + runId;
    String ids = Docker.call(List.of("ps", "-aq", "--filter", filter), null, Duration.ofSeconds(60)).out().strip();
    if (!ids.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
      rm.addAll(List.of(ids.split("\\s+")));
      Docker.call(rm, null, Duration.ofSeconds(120));
    }
    String nets = Docker.call(List.of("network", "ls", "-q", "--filter", filter), null, Duration.ofSeconds(60)).out().strip();
    for (String n : nets.isEmpty() ? new String[0] : nets.split("\\s+")) {
      Docker.call(List.of("network", "rm", n), null, Duration.ofSeconds(60));
    }
  }

  private static List<String> abandoned(String... listCommand) {
    List<String> cmd = new ArrayList<>(List.of(listCommand));
    cmd.addAll(List.of("--filter", "label=" + OWNER, "--format", "{{.ID}} {{.Label \"" + OWNER + "\"}}"));
    Docker.Result r = Docker.call(cmd, null, Duration.ofSeconds(60));
    List<String> out = new ArrayList<>();
    for (String line : r.ok() ? r.out().split("\n") : new String[0]) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length == 2 && isAbandoned(parts[1])) {
        out.add(parts[0]);
      }
    }
    return out;
  }

  static boolean isAbandoned(String owner) {
    int slash = owner.lastIndexOf('/');
    if (slash < 0 || !owner.substring(0, slash).equals(hostName())) {
      return false;
    }
    try {
      long pid = Long.parseLong(owner.substring(slash + 1));
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      return p.isEmpty() || !p.get().isAlive();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
