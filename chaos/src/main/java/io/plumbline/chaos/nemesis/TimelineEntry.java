package io.plumbline.chaos.nemesis;

/**
 * One fault as it really happened, beside its plan.
 *
 * @param kind the fault kind
 * @param description what was done (with resolved members, e.g. the leader's index)
 * @param startNanos when it was applied, on the run's clock
 * @param endNanos when its heal began, or -1 while active
 * @param plannedStartNanos when the schedule wanted it applied
 * @param plannedEndNanos when the schedule wanted it healed
 * @param noEffect null when the fault took effect, else why it did not (a partition that cut no
 *     link, a kill that found no process, a refused or failed nemesis action)
 * @param heldNanos how long the fault waited past its planned start for the previous fault's heal
 *     to finish (a killed member's restart takes seconds on a loaded machine, and the nemesis
 *     applies one fault at a time); the fault keeps its planned length from there, so its drift
 *     is judged against the plan shifted by this hold
 */
public record TimelineEntry(FaultKind kind, String description, long startNanos, long endNanos,
    long plannedStartNanos, long plannedEndNanos, String noEffect, long heldNanos) {
  /** A fault that did not wait for an earlier heal. */
  public TimelineEntry(FaultKind kind, String description, long startNanos, long endNanos, long plannedStartNanos,
      long plannedEndNanos, String noEffect) {
    this(kind, description, startNanos, endNanos, plannedStartNanos, plannedEndNanos, noEffect, 0);
  }

  /** When the fault was due: its planned start shifted by the hold. */
  public long dueStartNanos() {
    return plannedStartNanos + heldNanos;
  }

  /** When its heal was due: its planned end shifted by the hold. */
  public long dueEndNanos() {
    return plannedEndNanos + heldNanos;
  }

  public boolean tookEffect() {
    return noEffect == null;
  }
}
