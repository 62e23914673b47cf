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
 * @param specProfile run in the configuration trace validation needs (see {@link
 *     #forTraceValidation()})
 */
public record SimOptions(
    long seed,
    int nodes,
    int ticks,
    int electionTimeoutTicks,
    int heartbeatTimeoutTicks,
    int convergenceTicks,
    Set<InjectedBug> injectedBugs,
    TraceSink trace,
    boolean specProfile) {

  public static final int DEFAULT_TICKS = 10_000;

  public SimOptions {
    if (nodes < 1 || ticks < 0) {
      throw new IllegalArgumentException("nodes >= 1 and ticks >= 0 required");
    }
  }

  /** etcd's timing (election 10 ticks, heartbeat 1); convergence within 60 election timeouts. */
  public static SimOptions of(long seed, int nodes, int ticks) {
    return new SimOptions(seed, nodes, ticks, 10, 1, 600, Set.of(), TraceSink.NONE, false);
  }

  public SimOptions withTrace(TraceSink sink) {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, sink, specProfile);
  }

  public SimOptions withBugs(Set<InjectedBug> bugs) {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, bugs, trace, specProfile);
  }

  public SimOptions withSeed(long newSeed) {
    return new SimOptions(newSeed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, trace, specProfile);
  }

  /**
   * The same seed in the configuration whose traces {@code TraceEtcdRaft.tla} can validate:
   * PreVote and CheckQuorum on (the spec models both), one entry per AppendEntries message
   * (maxSizePerMsg 1: the spec's SHORTCUT 4) and log compaction scaled to short runs (after 1-8
   * applied entries, so followers that fall behind get snapshots, which TraceEtcdRaft.tla
   * checks). Faults, timings and workload still come from the seed.
   */
  public SimOptions forTraceValidation() {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, trace, true);
  }
}
