package io.plumbline.chaos.controlplane;

import io.plumbline.controlplane.Component;
import io.plumbline.controlplane.ControlPlane;
import io.plumbline.controlplane.ControlPlaneState;
import io.plumbline.controlplane.DetachedProcess;
import io.plumbline.controlplane.Probes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Applies {@link CpFault}s to the processes {@code up} recorded in {@code dir}, and measures each
 * takeover: from the moment the leader was killed or frozen until another controller manager
 * holds the Lease.
 */
final class CpNemesis {
  /** One observed takeover; {@code ms} is -1 when none came within the bound + 10 s. */
  record Takeover(String fault, String from, String to, long ms) {}

  private final Path dir;
  private final CpHistory history;
  private final Consumer<String> log;
  private final long waitLimitMs;
  final List<Takeover> takeovers = new CopyOnWriteArrayList<>();

  CpNemesis(Path dir, CpHistory history, Consumer<String> log, long takeoverBoundMs) {
    this.dir = dir;
    this.history = history;
    this.log = log;
    this.waitLimitMs = takeoverBoundMs + 10_000;
  }

  /** Runs one fault to its end (blocking for its length), then heals it. */
  void apply(CpFault fault) throws IOException, InterruptedException {
    ControlPlaneState state = ControlPlaneState.read(dir).orElseThrow();
    history.add("nemesis", "info", "start", fault.describe());
    log.accept(String.format("[%6.1fs] nemesis: %s", history.elapsedMs() / 1e3, fault.describe()));
    switch (fault.kind()) {
      case KILL_CONTROLLER, PAUSE_CONTROLLER -> controllerFault(state, fault);
      case KILL_STORE_MEMBER -> {
        Component member = state.ofKind(Component.Kind.STORE).get(fault.storeMember());
        DetachedProcess.find(member).ifPresent(ProcessHandle::destroyForcibly);
        Thread.sleep(fault.lengthMs());
        ControlPlane.restart(dir, member.name());
      }
    }
    history.add("nemesis", "info", "stop", fault.describe());
  }

  private void controllerFault(ControlPlaneState state, CpFault fault)
      throws IOException, InterruptedException {
    String leader = holder(state);
    Component active = state.ofKind(Component.Kind.CONTROLLER_MANAGER).stream()
        .filter(c -> c.name().equals(leader)).findFirst().orElse(null);
    if (active == null) {
      log.accept("           no controller manager leads right now; fault skipped");
      Thread.sleep(fault.lengthMs());
      return;
    }
    long pid = DetachedProcess.find(active).map(ProcessHandle::pid).orElse(-1L);
    boolean pause = fault.kind() == CpFault.Kind.PAUSE_CONTROLLER;
    if (pause) {
      signal(pid, "STOP");
    } else {
      DetachedProcess.find(active).ifPresent(ProcessHandle::destroyForcibly);
    }
    long t0 = System.nanoTime();
    Takeover t = awaitTakeover(state, fault, leader, t0);
    takeovers.add(t);
    log.accept(String.format("           %s -> %s after %s", leader, t.to(),
        t.ms() < 0 ? "no takeover" : t.ms() + " ms"));
    long left = fault.lengthMs() - (System.nanoTime() - t0) / 1_000_000;
    Thread.sleep(Math.max(0, left));
    if (pause) {
      signal(pid, "CONT"); // wakes up believing it still leads: its writes carry a stale generation
    } else {
      ControlPlane.restart(dir, active.name());
    }
  }

  private Takeover awaitTakeover(ControlPlaneState state, CpFault fault, String leader, long t0)
      throws InterruptedException {
    while ((System.nanoTime() - t0) / 1_000_000 < waitLimitMs) {
      String now = holder(state);
      if (!now.isEmpty() && !now.equals(leader)) {
        return new Takeover(fault.describe(), leader, now, (System.nanoTime() - t0) / 1_000_000);
      }
      Thread.sleep(100); // polling another process's lease
    }
    return new Takeover(fault.describe(), leader, "none", -1);
  }

  /** Resumes anything paused and restarts anything not running (the final heal). */
  void healAll() throws IOException {
    ControlPlaneState state = ControlPlaneState.read(dir).orElseThrow();
    for (Component c : state.components()) {
      if (DetachedProcess.find(c).isPresent()) {
        signal(c.pid(), "CONT");
      } else {
        ControlPlane.restart(dir, c.name());
        log.accept("heal: restarted " + c.name());
      }
    }
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
