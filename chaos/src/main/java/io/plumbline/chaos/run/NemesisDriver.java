package io.plumbline.chaos.run;

import io.plumbline.chaos.nemesis.Applied;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.FaultApplier;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays a {@link NemesisSchedule} on its own thread: applies each window at its start, heals it at
 * its end, and records both in the history (process {@code nemesis}) and in the timeline, with the
 * planned times and whether the fault took effect beside the applied times.
 */
final class NemesisDriver {
  private final NemesisSchedule schedule;
  private final FaultApplier nemesis;
  private final HistoryRecorder recorder;
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private volatile String active = "none";
  private volatile int appliedCount;
  private volatile boolean stopped;
  private volatile boolean finished;
  private final Thread thread;

  NemesisDriver(NemesisSchedule schedule, FaultApplier nemesis, HistoryRecorder recorder) {
    this.schedule = schedule;
    this.nemesis = nemesis;
    this.recorder = recorder;
    this.thread = new Thread(this::play, "chaos-nemesis");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** What is active now, for progress lines. */
  String active() {
    return active;
  }

  /** For progress lines: {@code 2 of 5 faults applied; now: kill [1]}. */
  String progress() {
    return appliedCount + " of " + schedule.windows().size() + " faults applied; now: " + active;
  }

  private void play() {
    long previousHealDone = 0;
    for (FaultWindow w : schedule.windows()) {
      // One fault at a time: a window whose planned start fell inside the previous heal (a restart
      // still waiting for its member to answer) starts when that heal is done and keeps its length.
      long held = Math.max(0, previousHealDone - TimeUnit.MILLISECONDS.toNanos(w.startMs()));
      if (!waitUntilNanos(TimeUnit.MILLISECONDS.toNanos(w.startMs()) + held)) {
        return;
      }
      long start = recorder.now();
      Applied applied;
      try {
        applied = nemesis.apply(w);
      } catch (RuntimeException e) {
        applied = Applied.failed(w.describe(), e);
      }
      String what = applied.description();
      Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of("planned-ms", w.startMs()));
      if (!applied.tookEffect()) {
        fields.put("error", "no effect: " + applied.noEffect());
      }
      recorder.record("nemesis", OpType.INFO, "start-" + w.kind().cliName(), null, what, fields);
      active = what;
      appliedCount++; // only this thread writes it
      boolean ontime = waitUntilNanos(TimeUnit.MILLISECONDS.toNanos(w.endMs()) + held);
      long healStart = recorder.now();
      String healed = nemesis.healAll();
      previousHealDone = recorder.now();
      recorder.record("nemesis", OpType.INFO, "stop-" + w.kind().cliName(), null, healed, Map.of("planned-ms", w.endMs(),
          "held-ms", TimeUnit.NANOSECONDS.toMillis(held), "heal-began-ms", TimeUnit.NANOSECONDS.toMillis(healStart),
          "heal-ms", TimeUnit.NANOSECONDS.toMillis(previousHealDone - healStart)));
      synchronized (timeline) {
        timeline.add(new TimelineEntry(w.kind(), what, start, ontime ? healStart : recorder.now(),
            TimeUnit.MILLISECONDS.toNanos(w.startMs()), TimeUnit.MILLISECONDS.toNanos(w.endMs()), applied.noEffect(),
            held));
      }
      active = "none";
      if (!ontime) {
        return;
      }
    }
    finished = true;
  }

  /** True once every window of the schedule has been applied and healed. */
  boolean finished() {
    return finished;
  }

  /** Parks until {@code nanos} after the origin; false when stopped first. */
  private boolean waitUntilNanos(long nanos) {
    while (!stopped) {
      long left = nanos - recorder.now();
      if (left <= 0) {
        return true;
      }
      LockSupport.parkNanos(Math.min(left, 50_000_000L));
    }
    return false;
  }

  /** Stops playing and waits for the current window to be healed. */
  void stopAndJoin() {
    stopped = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  List<TimelineEntry> timeline() {
    synchronized (timeline) {
      return List.copyOf(timeline);
    }
  }
}
