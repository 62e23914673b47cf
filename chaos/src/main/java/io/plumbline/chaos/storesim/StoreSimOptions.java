package io.plumbline.chaos.storesim;

import io.plumbline.store.node.ShellBug;
import java.util.Set;

/**
 * One seed of the whole-store simulation.
 *
 * @param seed everything else (faults, workload, timings) is drawn from it
 * @param nodes cluster size
 * @param ticks ticks of the fault phase (one tick = {@link #TICK_MS} of simulated time)
 * @param convergenceTicks bound on the heal-and-converge phase
 * @param bugs node-shell bugs to inject (tests only)
 * @param reconnectBackoff peer links keep gRPC's exponential reconnect back-off (the liveness bug)
 */
public record StoreSimOptions(long seed, int nodes, int ticks, int convergenceTicks, Set<ShellBug> bugs,
    boolean reconnectBackoff) {
  public static final int TICK_MS = 100;
  public static final int DEFAULT_TICKS = 2_000;
  public static final int DEFAULT_CONVERGENCE_TICKS = 600;

  public StoreSimOptions {
    bugs = Set.copyOf(bugs);
  }

  public static StoreSimOptions of(long seed, int nodes, int ticks) {
    return new StoreSimOptions(seed, nodes, ticks, DEFAULT_CONVERGENCE_TICKS, Set.of(), false);
  }

  public StoreSimOptions withSeed(long s) {
    return new StoreSimOptions(s, nodes, ticks, convergenceTicks, bugs, reconnectBackoff);
  }

  public StoreSimOptions withBugs(Set<ShellBug> b) {
    return new StoreSimOptions(seed, nodes, ticks, convergenceTicks, b, reconnectBackoff);
  }

  public StoreSimOptions withReconnectBackoff() {
    return new StoreSimOptions(seed, nodes, ticks, convergenceTicks, bugs, true);
  }
}
