package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.nemesis.Applied;
import io.plumbline.chaos.nemesis.FaultApplier;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.controlplane.Component;
import io.plumbline.controlplane.ControlPlane;
import io.plumbline.controlplane.ControlPlaneState;
import io.plumbline.controlplane.DetachedProcess;
import io.plumbline.controlplane.Probes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The control-plane run's {@link FaultApplier}: applies {@link CpSchedule}'s windows to the
 * processes {@code up} recorded in {@code dir} and to the API servers' store links, and heals them.
 * A kill or freeze of the active controller manager also measures the takeover twice, on a thread
 * of its own: from the moment the leader was killed or frozen until another controller manager
 * holds the Lease (what a user sees), and as the new leader recorded it — from its last observation
 * of a change of the old holder's lease record (client-go's bound: lease duration + retry period).
 * The two differ by how late the standby last saw a renewal.
 */
final class CpNemesis implements FaultApplier {
  /**
   * One observed takeover; {@code ms} (from the fault) is -1 when none came within the bound +
   * 10 s; {@code afterObservedMs} is the new leader's own count from its last observed change of
   * the lease record (its log line "took over from ..."), -1 when it logged none.
   */
  record Takeover(String fault, String from, String to, long ms, long afterObservedMs) {}

  private static final Pattern TOOK_OVER =
      Pattern.compile(": took over from (\\S+) at generation (\\d+), (\\d+) ms after");

  private final Path dir;
  private final Consumer<String> log;
  private final long waitLimitMs;
  private final CpStoreLinks storeLinks;
  private final List<Takeover> takeovers = new CopyOnWriteArrayList<>();
  private final List<Thread> watching = new CopyOnWriteArrayList<>();

  CpNemesis(Path dir, CpStoreLinks storeLinks, Consumer<String> log, long takeoverBoundMs) {
    this.dir = dir;
    this.storeLinks = storeLinks;
    this.log = log;
    this.waitLimitMs = takeoverBoundMs + 10_000;
  }

  @Override
  public synchronized Applied apply(FaultWindow w) {
    ControlPlaneState state = state();
    String what = w.kind().cliName() + " " + w.shape();
    return switch (w.shape()) {
      case CpSchedule.CONTROLLER -> controllerFault(state, w);
      case CpSchedule.STORE -> {
        Component member = state.ofKind(Component.Kind.STORE).get(w.members().get(0));
        Optional<ProcessHandle> p = DetachedProcess.find(member);
        p.ifPresent(ProcessHandle::destroyForcibly);
        yield new Applied(what + " " + member.name(), p.isPresent() ? null : "no running process for " + member.name());
      }
      case CpSchedule.APISERVER -> {
        String api = "apiserver-" + (w.members().get(0) + 1);
        storeLinks.set(api, true);
        yield new Applied("partition " + api + " from the store", null);
      }
      default -> throw new IllegalArgumentException("no control-plane fault " + w.describe());
    };
  }

  /** What {@code up} recorded (pids change when a member is restarted). */
  private ControlPlaneState state() {
    try {
      return ControlPlaneState.read(dir).orElseThrow();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every takeover measured so far, after waiting for the measurements still running. */
  List<Takeover> takeovers() throws InterruptedException {
    for (Thread t : watching) {
      t.join();
    }
    return List.copyOf(takeovers);
  }

  /** Kills or freezes the leading controller manager and starts measuring the takeover. */
  private Applied controllerFault(ControlPlaneState state, FaultWindow w) {
    String what = w.kind().cliName() + " the active controller manager";
    String leader = holder(state);
    Component active = state.ofKind(Component.Kind.CONTROLLER_MANAGER).stream()
        .filter(c -> c.name().equals(leader)).findFirst().orElse(null);
    if (active == null) {
      return new Applied(what, "no controller manager led when the fault began");
    }
    long pid = DetachedProcess.find(active).map(ProcessHandle::pid).orElse(-1L);
    if (pid <= 0) {
      return new Applied(what + " " + leader, "the leading controller manager " + leader + " had no running process");
    }
    Map<String, Integer> before = takeoverLineCounts(state);
    if (w.kind() == FaultKind.PAUSE) {
      signal(pid, "STOP"); // wakes up at the heal believing it still leads: its writes carry a stale generation
    } else {
      DetachedProcess.find(active).ifPresent(ProcessHandle::destroyForcibly);
    }
    long t0 = System.nanoTime();
    Thread t = new Thread(() -> {
      try {
        Takeover to = awaitTakeover(state, w.describe(), leader, t0, before);
        takeovers.add(to);
        log.accept(String.format("           %s -> %s after %s (%s)", leader, to.to(),
            to.ms() < 0 ? "no takeover" : to.ms() + " ms", to.afterObservedMs() < 0
                ? "the new leader logged no takeover"
                : to.afterObservedMs() + " ms after " + to.to() + " last saw the lease change"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cp-takeover");
    t.setDaemon(true);
    watching.add(t);
    t.start();
    return new Applied(what + " " + leader, null);
  }

  private Takeover awaitTakeover(ControlPlaneState state, String fault, String leader, long t0,
      Map<String, Integer> before) throws InterruptedException {
    while ((System.nanoTime() - t0) / 1_000_000 < waitLimitMs) {
      String now = holder(state);
      if (!now.isEmpty() && !now.equals(leader)) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Takeover(fault, leader, now, ms,
            loggedTakeoverMs(state, now, before));
      }
      Thread.sleep(100); // polling another process's lease
    }
    return new Takeover(fault, leader, "none", -1, -1);
  }

  /**
   * The new leader's own measure of this takeover: the first "took over" line its log gained
   * since the fault began ({@code before}: the lines each log had then). Written right after its
   * lease write, so it may lag the lease by a moment: read for up to 3 s; -1 when none came.
   */
  private static long loggedTakeoverMs(ControlPlaneState state, String holder,
      Map<String, Integer> before) throws InterruptedException {
    Component c = state.ofKind(Component.Kind.CONTROLLER_MANAGER).stream()
        .filter(m -> m.name().equals(holder)).findFirst().orElse(null);
    if (c == null) {
      return -1;
    }
    int seen = before.getOrDefault(holder, 0);
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (true) {
      List<Long> logged = loggedTakeovers(c);
      if (logged.size() > seen) {
        return logged.get(seen);
      }
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Thread.sleep(200); // the log line follows the lease write by a moment
    }
  }

  /** Each "took over" line of {@code c}'s log, in order: its ms after the last observed change. */
  private static List<Long> loggedTakeovers(Component c) {
    List<Long> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of(c.log()))) {
        Matcher m = TOOK_OVER.matcher(line);
        if (m.find()) {
          out.add(Long.parseLong(m.group(3)));
        }
      }
    } catch (IOException e) {
      return out; // no log yet: no takeover logged
    }
    return out;
  }

  private static Map<String, Integer> takeoverLineCounts(ControlPlaneState state) {
    Map<String, Integer> counts = new HashMap<>();
    for (Component c : state.ofKind(Component.Kind.CONTROLLER_MANAGER)) {
      counts.put(c.name(), loggedTakeovers(c).size());
    }
    return counts;
  }

  /** Heals every store link, resumes anything paused, restarts anything not running. */
  @Override
  public synchronized String healAll() {
    storeLinks.healAll();
    ControlPlaneState state = state();
    List<String> restarted = new ArrayList<>();
    for (Component c : state.components()) {
      if (DetachedProcess.find(c).isPresent()) {
        signal(c.pid(), "CONT");
      } else {
        try {
          ControlPlane.restart(dir, c.name());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        restarted.add(c.name());
      }
    }
    return "store links healed, all resumed" + (restarted.isEmpty() ? "" : ", restarted " + restarted);
  }

  /** Until HAProxy has every API server in rotation again (its health check reads the store). */
  @Override
  public String awaitServing(long limitMs) {
    ControlPlaneState state = state();
    if (state.haproxyStatsUrl() == null) {
      return "";
    }
    long t0 = System.nanoTime();
    Map<String, String> backends = Probes.haproxyBackends(state.haproxyStatsUrl());
    while (!backends.isEmpty() && !backends.values().stream().allMatch("UP"::equals)
        && (System.nanoTime() - t0) / 1_000_000 < limitMs) {
      try {
        Thread.sleep(250); // polling HAProxy's stats until its health checks pass
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      backends = Probes.haproxyBackends(state.haproxyStatsUrl());
    }
    return "HAProxy backends after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + backends;
  }

  private static String holder(ControlPlaneState state) {
    return Probes.leaseHolder(state.serverUrl(), state.leaseNamespace(), state.leaseName())
        .orElse("");
  }

  private static void signal(long pid, String signal) {
    if (pid <= 0) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
