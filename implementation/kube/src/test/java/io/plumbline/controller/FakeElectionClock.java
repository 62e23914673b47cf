package io.plumbline.controller;

import java.time.Instant;

/**
 * Simulated time for one {@link LeaderElector} run on the test's thread: it moves only when the
 * elector pauses or a {@link FakeLeaseApi} call takes time. A pause that would run past
 * {@code endMs} ends the run instead (the elector stops where it was).
 */
final class FakeElectionClock implements ElectionClock {
  private final long endMs;
  private long nowMs;
  private boolean stopped;

  FakeElectionClock(long startMs, long endMs) {
    this.nowMs = startMs;
    this.endMs = endMs;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(nowMs);
  }

  @Override
  public boolean pause(long ms) {
    if (ms < 1) {
      throw new IllegalArgumentException("the elector paused for " + ms + " ms");
    }
    if (stopped || nowMs + ms > endMs) {
      stopped = true;
      return false;
    }
    nowMs += ms;
    return true;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  /** A call that takes {@code ms}: the elector is busy, not paused. */
  void advance(long ms) {
    nowMs += ms;
  }
}
