package io.plumbline.chaos.run;

import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import java.util.ArrayList;
import java.util.List;

/**
 * No verdict without evidence: a run whose planned faults did not all happen as planned, or whose
 * workload did too little, cannot vouch for the target, so its combined verdict can be at best
 * unknown (never valid). Pure: judged from the schedule, the timeline and a count.
 */
public final class Evidence {
  /** How far a fault's applied start or heal may lie from its planned time. */
  static final long DRIFT_TOLERANCE_MS = 5_000;
  private Evidence() {}

  /**
   * @param okOperations ok client operations in the fault phase
   * @param minimumOk the workload's minimum ({@link Workload#minimumOkOperations()})
   */
  static Workload.Verdict judge(List<FaultWindow> planned, List<TimelineEntry> applied, long okOperations,
      long minimumOk) {
    return judgeDescribed(planned.stream().map(FaultWindow::describe).toList(), applied, okOperations, minimumOk);
  }

  /**
   * As {@link #judge}, for a schedule given by its faults' descriptions (the control plane's own
   * fault plan): the same rules, one place.
   */
  public static Workload.Verdict judgeDescribed(List<String> planned, List<TimelineEntry> applied,
      long okOperations, long minimumOk) {
    List<String> reasons = new ArrayList<>();
    if (applied.size() < planned.size()) {
      reasons.add((planned.size() - applied.size()) + " of " + planned.size() + " planned fault(s) never ran, first "
          + planned.get(applied.size()));
    }
    long worstMs = 0;
    long worstHoldMs = 0;
    for (TimelineEntry e : applied) {
      if (!e.tookEffect()) {
        reasons.add(e.description() + ": no effect (" + e.noEffect() + ")");
      }
      // Drift is judged against the plan shifted by the hold (the previous heal ran late): the fault
      // still ran for its planned length, one at a time, while the workload ran; a fault the hold
      // pushed past the run's end never ran, which the first rule makes unknown.
      long startMs = Math.abs(e.startNanos() - e.dueStartNanos()) / 1_000_000;
      long endMs = e.endNanos() < 0 ? Long.MAX_VALUE : Math.abs(e.endNanos() - e.dueEndNanos()) / 1_000_000;
      worstMs = Math.max(worstMs, Math.max(startMs, endMs));
      worstHoldMs = Math.max(worstHoldMs, e.heldNanos() / 1_000_000);
      if (startMs > DRIFT_TOLERANCE_MS || endMs > DRIFT_TOLERANCE_MS) {
        reasons.add(String.format("%s drifted: planned %.1f-%.1f s%s, applied %.1f-%s s (tolerance %d ms)",
            e.description(), e.plannedStartNanos() / 1e9, e.plannedEndNanos() / 1e9,
            e.heldNanos() == 0 ? "" : String.format(" held %.1f s by the previous heal", e.heldNanos() / 1e9),
            e.startNanos() / 1e9, e.endNanos() < 0 ? "?" : String.format("%.1f", e.endNanos() / 1e9),
            DRIFT_TOLERANCE_MS));
      }
    }
    if (okOperations < minimumOk) {
      reasons.add("the workload did too little: " + okOperations + " ok operation(s) during the fault phase, at least "
          + minimumOk + " needed");
    }
    String counts = applied.stream().filter(TimelineEntry::tookEffect).count() + " of " + planned.size()
        + " planned fault(s) took effect, worst drift " + worstMs + " ms (tolerance " + DRIFT_TOLERANCE_MS + " ms), "
        + (worstHoldMs == 0 ? "" : "longest hold for a previous heal " + worstHoldMs + " ms, ")
        + okOperations + " ok operations";
    return reasons.isEmpty() ? new Workload.Verdict("evidence", Validity.TRUE, counts, "")
        : new Workload.Verdict("evidence", Validity.UNKNOWN, "unknown: " + reasons.size() + " reason(s); " + counts,
            String.join("\n", reasons) + "\n");
  }
}
