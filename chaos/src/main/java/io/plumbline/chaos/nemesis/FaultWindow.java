package io.plumbline.chaos.nemesis;

import java.util.List;

/**
 * One planned fault: what, on whom, from when, for how long (times relative to the run's start).
 *
 * @param kind the fault
 * @param startMs when it is applied, in ms after the workload starts
 * @param durationMs how long it stays before it is healed
 * @param shape for partitions the plan kind ({@code halves}, {@code minority}, {@code bridge},
 *     {@code ring}, {@code isolate}); for other faults {@code members}
 * @param members the members it targets (kill/pause/isolate); empty when {@code leader} is set or
 *     when the partition plan chooses its own sides from {@code planSeed}
 * @param leader true when the target is whoever leads when the fault starts (resolved at run time)
 * @param planSeed seed for the pure partition plan, so that the plan is fixed by the run's seed
 */
public record FaultWindow(FaultKind kind, long startMs, long durationMs, String shape, List<Integer> members,
    boolean leader, long planSeed) {
  public FaultWindow {
    members = List.copyOf(members);
  }

  public long endMs() {
    return startMs + durationMs;
  }

  /** e.g. {@code partition isolate leader 5000+4000ms}. */
  public String describe() {
    String target = leader ? "leader" : members.isEmpty() ? "" : members.toString();
    return kind.cliName() + " " + shape + (target.isEmpty() ? "" : " " + target)
        + " @" + startMs + "ms for " + durationMs + "ms";
  }
}
