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
 */
public record TimelineEntry(FaultKind kind, String description, long startNanos, long endNanos,
    long plannedStartNanos, long plannedEndNanos, String noEffect) {
  public boolean tookEffect() {
    return noEffect == null;
  }
}
