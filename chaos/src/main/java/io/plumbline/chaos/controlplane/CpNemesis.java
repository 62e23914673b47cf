package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.nemesis.TimelineEntry;
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
 * Applies {@link CpFault}s to the processes {@code up} recorded in {@code dir} and to the API
 * servers' store links, and measures each takeover twice: from the moment the leader was killed
 * or frozen until another controller manager holds the Lease (what a user sees), and as the new
 * leader recorded it — from its last observation of a change of the old holder's lease record
 * (client-go's bound: lease duration + retry period). The two differ by how late the standby
 * last saw a renewal: a standby started just before the fault has to watch the lease for a full
 * duration first, which is what made round 2's SIGSTOP takeovers look slow.
 */
final class CpNemesis {
  /**
   * One observed takeover; {@code ms} (from the fault) is -1 when none came within the bound +
   * 10 s; {@code afterObservedMs} is the new leader's own count from its last observed change of
   * the lease record (its log line "took over from ..."), -1 when it logged none.
   */
  record Takeover(String fault, String from, String to, long ms, long afterObservedMs) {}

  private static final Pattern TOOK_OVER =
      Pattern.compile(": took over from (\\S+) at generation (\\d+), (\\d+) ms after");

  private final Path dir;
  private final CpHistory history;
  private final Consumer<String> log;
  private final long waitLimitMs;
  private final CpStoreLinks storeLinks;
  final List<Takeover> takeovers = new CopyOnWriteArrayList<>();
  private volatile String active = "none";
  private volatile int appliedCount;

  CpNemesis(Path dir, CpStoreLinks storeLinks, CpHistory history, Consumer<String> log,
      long takeoverBoundMs) {
    this.dir = dir;
    this.storeLinks = storeLinks;
    this.history = history;
    this.log = log;
    this.waitLimitMs = takeoverBoundMs + 10_000;
  }

  /**
   * Runs one fault to its end (blocking for its length), then heals it; returns it as it happened
   * beside its plan (times on the history's clock), for the report and the evidence verdict.
   */
  TimelineEntry apply(CpFault fault) throws IOException, InterruptedException {
    ControlPlaneState state = ControlPlaneState.read(dir).orElseThrow();
    long start = history.nowNanos();
    history.nemesis("start", fault.describe());
    active = fault.describe();
    appliedCount++; // only the nemesis thread writes it
    log.accept(String.format("[%6.1fs] nemesis: %s", history.elapsedMs() / 1e3, fault.describe()));
    String noEffect = null;
    switch (fault.kind()) {
      case KILL_CONTROLLER, PAUSE_CONTROLLER -> noEffect = controllerFault(state, fault);
      case KILL_STORE_MEMBER -> {
        Component member = state.ofKind(Component.Kind.STORE).get(fault.storeMember());
        Optional<ProcessHandle> p = DetachedProcess.find(member);
        p.ifPresent(ProcessHandle::destroyForcibly);
        noEffect = p.isPresent() ? null : "no running process for " + member.name();
        Thread.sleep(fault.lengthMs());
        ControlPlane.restart(dir, member.name());
      }
      case PARTITION_APISERVER -> partition(state, "apiserver-" + (fault.apiServer() + 1),
          fault.lengthMs());
    }
    long end = history.nowNanos();
    history.nemesis("stop", fault.describe());
    active = "none";
    return new TimelineEntry(fault.kind().faultKind(), fault.describe(), start, end,
        fault.startMs() * 1_000_000, (fault.startMs() + fault.lengthMs()) * 1_000_000, noEffect);
  }

  /** For progress lines: {@code 1 of 3 faults applied; now: kill -9 store-2 …}. */
  String progress(int planned) {
    return appliedCount + " of " + planned + " faults applied; now: " + active;
  }

  /**
   * Cuts {@code apiServer}'s store links for {@code lengthMs} and reports when HAProxy took it
   * out of rotation (its {@code /healthz} reads the store, so it fails while cut off).
   */
  private void partition(ControlPlaneState state, String apiServer, long lengthMs)
      throws InterruptedException {
    storeLinks.set(apiServer, true);
    long t0 = System.nanoTime();
    long downAfterMs = -1;
    while ((System.nanoTime() - t0) / 1_000_000 < lengthMs) {
      if (downAfterMs < 0 && state.haproxyStatsUrl() != null && !"UP".equals(
          Probes.haproxyBackends(state.haproxyStatsUrl()).getOrDefault(apiServer, "UP"))) {
        downAfterMs = (System.nanoTime() - t0) / 1_000_000;
      }
      Thread.sleep(200); // polling HAProxy's stats while the partition lasts
    }
    storeLinks.set(apiServer, false);
    log.accept("           " + apiServer + (state.haproxyStatsUrl() == null ? " (no HAProxy ran)"
        : downAfterMs < 0 ? " stayed in HAProxy's rotation"
        : " out of HAProxy's rotation " + downAfterMs + " ms after the cut") + "; links healed");
  }

  /** Kills or freezes the leading controller manager; returns why it had no effect, or null. */
  private String controllerFault(ControlPlaneState state, CpFault fault)
      throws IOException, InterruptedException {
    String leader = holder(state);
    Component active = state.ofKind(Component.Kind.CONTROLLER_MANAGER).stream()
        .filter(c -> c.name().equals(leader)).findFirst().orElse(null);
    if (active == null) {
      log.accept("           no controller manager leads right now; fault skipped");
      Thread.sleep(fault.lengthMs());
      return "no controller manager led when the fault began";
    }
    long pid = DetachedProcess.find(active).map(ProcessHandle::pid).orElse(-1L);
    Map<String, Integer> before = takeoverLineCounts(state);
    boolean pause = fault.kind() == CpFault.Kind.PAUSE_CONTROLLER;
    if (pause) {
      signal(pid, "STOP");
    } else {
      DetachedProcess.find(active).ifPresent(ProcessHandle::destroyForcibly);
    }
    long t0 = System.nanoTime();
    Takeover t = awaitTakeover(state, fault, leader, t0, before);
    takeovers.add(t);
    log.accept(String.format("           %s -> %s after %s (%s)", leader, t.to(),
        t.ms() < 0 ? "no takeover" : t.ms() + " ms",
        t.afterObservedMs() < 0 ? "the new leader logged no takeover"
            : t.afterObservedMs() + " ms after " + t.to() + " last saw the lease change"));
    long left = fault.lengthMs() - (System.nanoTime() - t0) / 1_000_000;
    Thread.sleep(Math.max(0, left));
    if (pause) {
      signal(pid, "CONT"); // wakes up believing it still leads: its writes carry a stale generation
    } else {
      ControlPlane.restart(dir, active.name());
    }
    return pid > 0 ? null : "the leading controller manager " + leader + " had no running process";
  }

  private Takeover awaitTakeover(ControlPlaneState state, CpFault fault, String leader, long t0,
      Map<String, Integer> before) throws InterruptedException {
    while ((System.nanoTime() - t0) / 1_000_000 < waitLimitMs) {
      String now = holder(state);
      if (!now.isEmpty() && !now.equals(leader)) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Takeover(fault.describe(), leader, now, ms,
            loggedTakeoverMs(state, now, before));
      }
      Thread.sleep(100); // polling another process's lease
    }
    return new Takeover(fault.describe(), leader, "none", -1, -1);
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
  void healAll() throws IOException {
    storeLinks.healAll();
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
