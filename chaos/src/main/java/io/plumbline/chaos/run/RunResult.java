package io.plumbline.chaos.run;

import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.util.List;

/**
 * Everything a run produced.
 *
 * @param history client and nemesis events
 * @param timeline faults as they were applied and healed
 * @param verdicts one per checker (the workload's, then recovery)
 * @param elapsedNanos wall time of the whole run (fault phase + heal + final phase)
 */
public record RunResult(History history, List<TimelineEntry> timeline, List<Workload.Verdict> verdicts,
    long elapsedNanos) {
  /** All checkers combined: any invalid wins, then any unknown. */
  public Validity validity() {
    Validity v = Validity.TRUE;
    for (Workload.Verdict w : verdicts) {
      v = v.and(w.validity());
    }
    return v;
  }

  /** Jepsen-style exit code: 0 valid, 1 invalid, 3 unknown. */
  public int exitCode() {
    return switch (validity()) {
      case TRUE -> 0;
      case FALSE -> 1;
      case UNKNOWN -> 3;
    };
  }
}
