package io.plumbline.raft.sim;

import io.plumbline.raft.SplitMixRandom;
import java.util.List;

/**
 * The fault schedule of the fault phase: partitions (random sides) that heal, and crashes of a
 * minority that restart after a while. Rates come from the seed.
 */
final class Nemesis {
  /** Fault rates per tick. */
  record Rates(double partition, double heal, double crash) {}

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
      int[] sides = new int[nodes.size()];
      for (int i = 0; i < sides.length; i++) {
        sides[i] = random.nextInt(2);
      }
      network.partition(sides);
      partitions++;
    }
    long down = nodes.stream().filter(n -> !n.up).count();
    if (random.chance(rates.crash()) && down < (nodes.size() - 1) / 2) {
      SimNode victim = nodes.get(random.nextInt(nodes.size()));
      if (victim.up) {
        victim.crash();
        restartAt[victim.index] = tick + 5 + random.nextInt(100);
        crashes++;
      }
    }
    return nodes.stream().filter(n -> !n.up && restartAt[n.index] <= tick).toList();
  }
}
