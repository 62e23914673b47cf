package io.plumbline.chaos.nemesis;

import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.plan.PartitionPlans;
import io.plumbline.chaos.runtime.ChaosCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;

/**
 * Applies {@link FaultWindow}s to a {@link ChaosCluster} and heals them: the fault math comes from
 * {@link PartitionPlans}, this class only performs it. Bundles its own heal: {@link #healAll()}
 * undoes whatever is still active.
 */
public final class Nemesis implements FaultApplier {
  private final ChaosCluster cluster;
  private final IntSupplier leader;
  private final List<Integer> killed = new ArrayList<>();
  private final List<Integer> paused = new ArrayList<>();
  private final List<Integer> skewed = new ArrayList<>();
  private boolean partitioned;

  /** @param leader finds the current leader's index (or -1) when a fault targets the leader */
  public Nemesis(ChaosCluster cluster, IntSupplier leader) {
    this.cluster = cluster;
    this.leader = leader;
  }

  /** Applies {@code w}; says what it did and whether it took effect (evidence for the verdict). */
  @Override
  public synchronized Applied apply(FaultWindow w) {
    List<Integer> targets = targets(w);
    switch (w.kind()) {
      case PARTITION -> {
        PartitionPlan plan = plan(w, targets);
        cluster.partition(plan);
        partitioned = true;
        return plan.cut().isEmpty() ? new Applied("partition " + plan, "the partition cut no link")
            : Applied.took("partition " + plan);
      }
      case KILL -> {
        String down = notRunning(targets);
        targets.forEach(cluster::kill);
        killed.addAll(targets);
        return new Applied("kill " + targets, down == null ? null : "the kill found no process: " + down);
      }
      case PAUSE -> {
        String down = notRunning(targets);
        targets.forEach(cluster::pause);
        paused.addAll(targets);
        return new Applied("pause " + targets, down == null ? null : "the pause found no process: " + down);
      }
      case CLOCK -> {
        long seconds = clockOffsetSeconds(w.planSeed());
        targets.forEach(i -> cluster.setClockOffset(i, seconds));
        skewed.addAll(targets);
        return Applied.took("clock " + (seconds > 0 ? "+" : "") + seconds + "s on " + targets);
      }
      case CLIENTS -> {
        cluster.cutClients(java.util.Set.copyOf(targets));
        partitioned = true;
        return targets.isEmpty() ? new Applied("clients cut from []", "no member's clients were cut")
            : Applied.took("clients cut from " + targets);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /** The targets that are not running (already killed), or null when all are. */
  private String notRunning(List<Integer> targets) {
    List<Integer> down = targets.stream().filter(i -> !cluster.isRunning(i)).toList();
    return targets.isEmpty() ? "no target" : down.isEmpty() ? null : "member(s) " + down + " not running";
  }

  /** Undoes every active fault: network healed, paused members resumed, killed members restarted. */
  @Override
  public synchronized String healAll() {
    List<String> done = new ArrayList<>();
    if (partitioned) {
      cluster.healNetwork();
      partitioned = false;
      done.add("network healed");
    }
    for (int i : skewed) {
      cluster.setClockOffset(i, 0);
    }
    if (!skewed.isEmpty()) {
      done.add("clocks reset " + skewed);
    }
    skewed.clear();
    for (int i : paused) {
      cluster.resume(i);
    }
    if (!paused.isEmpty()) {
      done.add("resumed " + paused);
    }
    paused.clear();
    for (int i : killed) {
      cluster.restart(i);
    }
    if (!killed.isEmpty()) {
      done.add("restarted " + killed);
    }
    killed.clear();
    return done.isEmpty() ? "nothing to heal" : String.join(", ", done);
  }

  /**
   * A jump of 2–10 s, ahead two times in three (a clock ahead expires leases and election timers
   * early), otherwise behind; fixed by the window's seed.
   */
  static long clockOffsetSeconds(long planSeed) {
    SplittableRandom rng = new SplittableRandom(planSeed);
    long magnitude = 2 + rng.nextInt(9);
    return rng.nextInt(3) == 0 ? -magnitude : magnitude;
  }

  private List<Integer> targets(FaultWindow w) {
    if (!w.leader()) {
      return w.members();
    }
    int l = leader.getAsInt();
    return List.of(l >= 0 ? l : (int) Math.floorMod(w.planSeed(), (long) cluster.size()));
  }

  private PartitionPlan plan(FaultWindow w, List<Integer> targets) {
    int n = cluster.size();
    SplittableRandom rng = new SplittableRandom(w.planSeed());
    return switch (w.shape()) {
      case "halves" -> PartitionPlans.randomHalves(n, rng);
      case "minority" -> PartitionPlans.majorityMinority(n, rng);
      case "isolate" -> PartitionPlans.isolate(n, targets.get(0));
      case "bridge" -> PartitionPlans.bridge(n, rng);
      case "ring" -> PartitionPlans.majoritiesRing(n, rng);
      default -> throw new IllegalArgumentException("unknown partition shape " + w.shape());
    };
  }
}
