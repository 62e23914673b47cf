package io.plumbline.chaos.nemesis;

/**
 * One fault as it really happened.
 *
 * @param kind the fault kind
 * @param description what was done (with resolved members, e.g. the leader's index)
 * @param startNanos when it was applied, on the run's clock
 * @param endNanos when it was healed, or -1 while active
 */
public record TimelineEntry(FaultKind kind, String description, long startNanos, long endNanos) {}
