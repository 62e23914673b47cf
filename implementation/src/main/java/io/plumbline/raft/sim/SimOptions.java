package io.plumbline.raft.sim;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.TraceSink;
import java.util.Set;

/**
 * One simulation run: the seed decides everything else (fault rates, timings, workload).
 *
 * @param ticks length of the fault phase; a convergence phase of at most {@code convergenceTicks}
 *     follows
 * @param injectedBugs deliberate core bugs (tests only; the CLI cannot set them)
 */
public record SimOptions(
    long seed,
    int nodes,
    int ticks,
    int electionTimeoutTicks,
    int heartbeatTimeoutTicks,
    int convergenceTicks,
    Set<InjectedBug> injectedBugs,
    TraceSink trace) {

  public static final int DEFAULT_TICKS = 10_000;

  public SimOptions {
    if (nodes < 1 || ticks < 0) {
      throw new IllegalArgumentException("nodes >= 1 and ticks >= 0 required");
    }
  }

  /** etcd's timing (election 10 ticks, heartbeat 1); convergence within 60 election timeouts. */
  public static SimOptions of(long seed, int nodes, int ticks) {
    return new SimOptions(seed, nodes, ticks, 10, 1, 600, Set.of(), TraceSink.NONE);
  }

  public SimOptions withTrace(TraceSink sink) {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, sink);
  }

  public SimOptions withBugs(Set<InjectedBug> bugs) {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, bugs, trace);
  }

  public SimOptions withSeed(long newSeed) {
    return new SimOptions(newSeed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, trace);
  }
}
