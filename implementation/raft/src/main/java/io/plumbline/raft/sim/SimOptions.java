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
 * @param readyOut hosts hold Readys out while their cores take further steps (see {@link
 *     #withReadyOut()})
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
    boolean specProfile,
    boolean readyOut) {

  public static final int DEFAULT_TICKS = 10_000;

  public SimOptions {
    if (nodes < 1 || ticks < 0) {
      throw new IllegalArgumentException("nodes >= 1 and ticks >= 0 required");
    }
  }

  /** etcd's timing (election 10 ticks, heartbeat 1); convergence within 60 election timeouts. */
  public static SimOptions of(long seed, int nodes, int ticks) {
    return new SimOptions(seed, nodes, ticks, 10, 1, 600, Set.of(), TraceSink.NONE, false, false);
  }

  public SimOptions withTrace(TraceSink sink) {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, sink, specProfile, readyOut);
  }

  public SimOptions withBugs(Set<InjectedBug> bugs) {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, bugs, trace, specProfile, readyOut);
  }

  public SimOptions withSeed(long newSeed) {
    return new SimOptions(newSeed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, trace, specProfile, readyOut);
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
        convergenceTicks, injectedBugs, trace, true, readyOut);
  }

  /**
   * The same seed with the Ready loop held open (the "Ready-out" mode, see {@link ReadyOutHost}):
   * a member's host sometimes takes a Ready and, before {@code advance}, lets its core step further
   * messages, ticks, proposals and reads; then persists exactly what that Ready said, sends, and
   * advances; some hosts crash with a Ready out or at its persist step. Network, faults and
   * workload come from the seed as without it.
   */
  public SimOptions withReadyOut() {
    return new SimOptions(seed, nodes, ticks, electionTimeoutTicks, heartbeatTimeoutTicks,
        convergenceTicks, injectedBugs, trace, specProfile, true);
  }

  /**
   * How to replay this seed exactly: the {@code ./plumbline simulate} command, or, with injected
   * bugs (which no flag can set), the Java call a test makes.
   */
  public String replay() {
    if (injectedBugs.isEmpty()) {
      return "./plumbline simulate --seed " + seed + " --nodes " + nodes + " --ticks " + ticks
          + (specProfile ? " --spec-profile" : "") + (readyOut ? " --ready-out" : "");
    }
    return "new Simulation(SimOptions.of(" + seed + ", " + nodes + ", " + ticks + ")"
        + (specProfile ? ".forTraceValidation()" : "") + (readyOut ? ".withReadyOut()" : "")
        + ".withBugs(Set.of(" + String.join(", ", injectedBugs.stream().map(Enum::name).sorted()
            .toList()) + "))).run()";
  }
}
