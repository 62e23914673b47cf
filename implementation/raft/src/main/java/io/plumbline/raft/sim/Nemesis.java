package io.plumbline.raft.sim;

import io.plumbline.raft.Role;
import io.plumbline.raft.SplitMixRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault schedule of the fault phase: partitions that heal (half of them isolate the current
 * leader, the others split members at random) and crashes of a minority (half of them the
 * leader) that restart after a while. Rates come from the seed.
 */
final class Nemesis {
  /** Fault rates per tick, and the longest a crashed member stays down. */
  record Rates(double partition, double heal, double crash, int maxDownTicks) {}

  private final SplitMixRandom random;
  private final List<SimNode> nodes;
  private final SimNetwork network;
  private final Rates rates;
  private final long[] restartAt;
  long crashes;
  long partitions;

  Nemesis(SplitMixRandom random, List<SimNode> nodes, SimNetwork network, Rates rates) {
    this.random = random;
    this.nodes = nodes;
    this.network = network;
    this.rates = rates;
    this.restartAt = new long[nodes.size()];
  }

  /** One tick of faults; returns the nodes to restart now (the caller restarts them). */
  List<SimNode> step(long tick) {
    if (network.partitioned()) {
      if (random.chance(rates.heal())) {
        network.heal();
      }
    } else if (random.chance(rates.partition())) {
      partition();
    }
    int down = 0;
    for (SimNode n : nodes) {
      down += n.up ? 0 : 1;
    }
    if (random.chance(rates.crash()) && down < (nodes.size() - 1) / 2) {
      crash(tick);
    }
    if (down == 0) {
      return List.of();
    }
    List<SimNode> due = new ArrayList<>();
    for (SimNode n : nodes) {
      if (!n.up && restartAt[n.index] <= tick) {
        due.add(n);
      }
    }
    return due;
  }

  private void partition() {
    int[] sides = new int[nodes.size()];
    SimNode leader = leader();
    boolean isolateLeader = leader != null && random.chance(0.5);
    for (int i = 0; i < sides.length; i++) {
      sides[i] = isolateLeader ? (i == leader.index ? 1 : 0) : random.nextInt(2);
    }
    network.partition(sides);
    partitions++;
  }

  private void crash(long tick) {
    SimNode leader = leader();
    SimNode victim = leader != null && random.chance(0.5)
        ? leader : nodes.get(random.nextInt(nodes.size()));
    if (victim.up) {
      victim.crash();
      restartAt[victim.index] = tick + 1 + random.nextInt(rates.maxDownTicks());
      crashes++;
    }
  }

  private SimNode leader() {
    for (SimNode n : nodes) {
      if (n.up && n.core.role() == Role.Leader) {
        return n;
      }
    }
    return null;
  }
}
