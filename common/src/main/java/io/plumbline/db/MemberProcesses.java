package io.plumbline.db;

import io.plumbline.common.net.PortTakenException;
import io.plumbline.common.net.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The processes of a cluster's members: launch one with its rendered command line (and extra
 * environment), wait until it is healthy, SIGKILL it, signal it by PID, stop them all. Shared by
 * {@link LocalCluster} and the chaos harness's proxied cluster, which differ only in the URLs they
 * hand to the command. Thread-safe: a nemesis thread and a harness thread may both use it.
 */
public final class MemberProcesses {
  private final List<Member> members;
  private final HealthProbe probe;
  private final Duration startTimeout;
  private final Process[] processes;
  /** Length of each member's log when it was last launched: only what follows is its current run's. */
  private final long[] logStart;

  public MemberProcesses(List<Member> members, HealthProbe probe, Duration startTimeout) {
    this.members = List.copyOf(members);
    this.probe = probe;
    this.startTimeout = startTimeout;
    this.processes = new Process[members.size()];
    this.logStart = new long[members.size()];
  }

  /** Starts member {@code i} with {@code argv}, appending its output to the member's log file. */
  public synchronized void launch(int i, List<String> argv, Map<String, String> env) {
    Member m = members.get(i);
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(m.logFile().toFile()));
    pb.environment().putAll(env);
    try {
      logStart[i] = Files.exists(m.logFile()) ? Files.size(m.logFile()) : 0;
      processes[i] = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start member " + m.name() + " with " + argv + ": " + e.getMessage(), e);
    }
  }

  /** PID of member {@code i}'s process, or -1 when it is not running. */
  public synchronized long pid(int i) {
    Process p = processes[i];
    return p != null && p.isAlive() ? p.pid() : -1;
  }

  public boolean isRunning(int i) {
    return pid(i) > 0;
  }

  /** SIGKILL; returns when the process is gone (also ends a SIGSTOPped process). */
  public synchronized void kill(int i) {
    Process p = processes[i];
    if (p == null) {
      return;
    }
    p.destroyForcibly();
    waitFor(p);
    processes[i] = null;
  }

  /** Kills every member process. */
  public synchronized void stopAll() {
    for (int i = 0; i < processes.length; i++) {
      kill(i);
    }
  }

  /** {@code kill -SIGNAL pid} of member {@code i} (STOP, CONT, …). */
  public void signal(int i, String signal) {
    long pid = pid(i);
    if (pid < 0) {
      throw new IllegalStateException("member " + members.get(i).name() + " is not running");
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
            + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + pid, e);
    }
  }

  /**
   * Polls the health probe at {@code probeUrl} every 100 ms (it polls a child process); fails early
   * with the log tail when the process exits, and with {@link PortTakenException} when its log says
   * it could not bind an address (another program took a port between picking and binding).
   */
  public void awaitHealthy(int i, String probeUrl) {
    awaitHealthy(i, probeUrl, List.of(members.get(i)));
  }

  /**
   * Waits until every member is healthy at {@code probeUrls} (in member order) after the cluster's
   * first start. Any member's bind failure ends the wait: the others wait for a quorum it stalls.
   */
  public void awaitAllHealthy(List<String> probeUrls) {
    for (Member m : members) {
      awaitHealthy(m.index(), probeUrls.get(m.index()), members);
    }
  }

  private void awaitHealthy(int i, String probeUrl, List<Member> bindWatched) {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    Member m = members.get(i);
    while (System.nanoTime() < deadline) {
      Process p;
      synchronized (this) {
        p = processes[i];
      }
      for (Member other : bindWatched) {
        String bindFailure = bindFailure(other.index());
        if (bindFailure != null) {
          throw new PortTakenException("member " + other.name() + " could not bind its ports: " + bindFailure);
        }
      }
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException("member " + m.name() + " exited"
            + (p == null ? "" : " with code " + p.exitValue()) + "; log tail:\n" + logTail(i, 2000));
      }
      if (probe.healthy(probeUrl)) {
        return;
      }
      pauseMillis(100);
    }
    throw new IllegalStateException("member " + m.name() + " at " + probeUrl + " not healthy after "
        + startTimeout.toSeconds() + " s; log tail:\n" + logTail(i, 2000));
  }

  /** The line of member {@code i}'s log that says it could not bind an address, or null. */
  private String bindFailure(int i) {
    long from;
    synchronized (this) {
      from = logStart[i];
    }
    try (var in = Files.newInputStream(members.get(i).logFile())) {
      in.skipNBytes(Math.min(from, Files.size(members.get(i).logFile())));
      // Latin-1 never fails to decode; the phrases looked for are ASCII. A start's log is small.
      String sinceLaunch = new String(in.readNBytes(1 << 20), StandardCharsets.ISO_8859_1);
      return sinceLaunch.lines().filter(Ports::mentionsBindFailure).findFirst().map(String::strip).orElse(null);
    } catch (IOException e) {
      return null; // no log yet: the next poll reads it again
    }
  }

  /** The last {@code maxBytes} of member {@code i}'s log (for error messages). */
  public String logTail(int i, int maxBytes) {
    try {
      byte[] all = Files.readAllBytes(members.get(i).logFile());
      int from = Math.max(0, all.length - maxBytes);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pauseMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a member", e);
    }
  }
}
