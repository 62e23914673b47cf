package io.plumbline.chaos.run;

import java.util.Locale;

/**
 * The progress line every chaos run prints every 5 s (the runner's and the control plane's):
 * elapsed of planned time, operations so far by outcome, and the faults.
 * {@code [  10.0s of 20s] ops 890 (ok 622, fail 163, info 105)  1 of 3 faults applied; now: none}
 */
public final class Progress {
  /** How often a run prints a progress line. */
  public static final long EVERY_NANOS = 5_000_000_000L;

  private Progress() {}

  public static String line(long elapsedNanos, long plannedNanos, long ok, long fail, long info, String faults) {
    return String.format(Locale.ROOT, "[%6.1fs of %ds] ops %d (ok %d, fail %d, info %d)  %s", elapsedNanos / 1e9,
        Math.round(plannedNanos / 1e9), ok + fail + info, ok, fail, info, faults);
  }
}
