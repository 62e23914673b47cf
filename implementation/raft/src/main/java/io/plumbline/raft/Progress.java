package io.plumbline.raft;

/**
 * The leader's view of one follower (the spec's {@code nextIndex}/{@code matchIndex} plus etcd's
 * flow control): Probe sends one AppendEntries at a time until a match is found, Replicate
 * pipelines up to {@code maxInflightMsgs}, Snapshot waits for a snapshot to be installed.
 */
final class Progress {
  enum State { Probe, Replicate, Snapshot }

  long match;
  long next;
  State state = State.Probe;
  long pendingSnapshot;
  /** Ticks spent in Snapshot state; the transport's "snapshot failed" report after a timeout. */
  int snapshotTicks;
  /** In Probe: an append is outstanding, wait for its answer (or a heartbeat) before another. */
  boolean probeSent;
  /** Heard from since the last CheckQuorum round. */
  boolean recentActive;
  final Inflights inflights;

  Progress(long next, int maxInflight) {
    this.next = next;
    this.inflights = new Inflights(maxInflight);
  }

  private void resetState(State s) {
    probeSent = false;
    pendingSnapshot = 0;
    snapshotTicks = 0;
    state = s;
    inflights.reset();
  }

  void becomeProbe() {
    if (state == State.Snapshot) {
      long pending = pendingSnapshot;
      resetState(State.Probe);
      next = Math.max(match + 1, pending + 1);
    } else {
      resetState(State.Probe);
      next = match + 1;
    }
  }

  void becomeReplicate() {
    resetState(State.Replicate);
    next = match + 1;
  }

  void becomeSnapshot(long snapshotIndex) {
    resetState(State.Snapshot);
    pendingSnapshot = snapshotIndex;
  }

  /** An acknowledgement up to {@code n}; returns whether match advanced. */
  boolean maybeUpdate(long n) {
    boolean updated = false;
    if (match < n) {
      match = n;
      updated = true;
      probeSent = false;
    }
    next = Math.max(next, n + 1);
    return updated;
  }

  /**
   * A rejection of the append whose previous index was {@code rejected}; {@code hint} is the
   * follower's suggestion of where our logs may match. Returns false for a stale rejection.
   */
  boolean maybeDecrTo(long rejected, long hint) {
    if (state == State.Replicate) {
      if (rejected <= match) {
        return false;
      }
      next = match + 1;
      return true;
    }
    if (next - 1 != rejected) {
      return false;
    }
    next = Math.max(Math.min(rejected, hint + 1), 1);
    probeSent = false;
    return true;
  }

  boolean isPaused() {
    return switch (state) {
      case Probe -> probeSent;
      case Replicate -> inflights.full();
      case Snapshot -> true;
    };
  }

  @Override
  public String toString() {
    return state + " match=" + match + " next=" + next
        + (state == State.Snapshot ? " snap=" + pendingSnapshot : "");
  }
}
