package io.plumbline.conformance.robustness;

import java.util.Optional;

/**
 * Leadership during one batch: the Raft term at its start, and the requests sent since the last probe. A probe
 * that finds a member without a leader, or a term above the start's, gives one lost-leader finding (the batch's
 * first; later ones are the same event seen again) whose suspect is the slowest request since the previous probe.
 * Terms only rise and rise only with an election, so a leader lost and won back by the same member in the middle
 * of a batch is seen too.
 */
final class LeaderWatch {
  private final long startTerm;
  private FuzzRequest slowest;
  private long slowestMs = -1;
  private boolean reported;

  LeaderWatch(long startTerm) {
    this.startTerm = startTerm;
  }

  /** A request of the batch was answered after {@code elapsedMs}. */
  void sent(FuzzRequest r, long elapsedMs) {
    if (elapsedMs > slowestMs) {
      slowest = r;
      slowestMs = elapsedMs;
    }
  }

  boolean reported() {
    return reported;
  }

  /** Judges a probe taken after the requests sent so far; a finding the first time leadership was lost. */
  Optional<Finding> probe(Liveness.Report seen, String when) {
    boolean leaderless = seen.problems().stream().anyMatch(p -> p.endsWith("knows no leader"));
    boolean elected = seen.term() > startTerm;
    Optional<Finding> out = Optional.empty();
    if (!reported && (leaderless || elected)) {
      reported = true;
      String what = leaderless ? "a member knew no leader" : "the Raft term rose from " + startTerm + " to " + seen.term();
      out = Optional.of(new Finding("lost-leader", what + " at " + when, slowest,
          slowest == null ? null : "slowest request since the previous probe took " + slowestMs + " ms",
          null, null, null));
    }
    slowest = null;
    slowestMs = -1;
    return out;
  }
}
