package io.plumbline.controller;

import java.time.Clock;
import java.time.Instant;

/**
 * The one place {@link LeaderElector} reads time and lets it pass: a deterministic test drives
 * the elector's whole loop on its own thread with a fake clock, production uses {@link #system}.
 * All of client-go's timing rules (retry period, renew deadline, lease duration) are stated in
 * this clock's milliseconds.
 */
public interface ElectionClock {
  /** Now on this candidate's clock (microsecond precision where the clock has it). */
  Instant instant();

  /** {@link #instant()} in epoch milliseconds. */
  default long millis() {
    return instant().toEpochMilli();
  }

  /**
   * Lets {@code ms} (at least 1) pass on this clock.
   *
   * @return false when the elector must stop instead ({@link #stop} was called, its thread was
   *     interrupted, or a fake clock's run is over): then no time is known to have passed
   */
  boolean pause(long ms);

  /** Ends the pause in progress, and makes every later one return false at once. */
  void stop();

  /**
   * Time from {@code clock}, pauses on a monitor: one elector's, in production. A pause lasts
   * until {@code clock} itself shows {@code ms} passed, however often the monitor wakes early;
   * under libfaketime it follows {@code clock}, the elector's own time, never the wait's timeout
   * ({@code SystemElectionClock} says why).
   */
  static ElectionClock system(Clock clock) {
    return new SystemElectionClock(clock, Object::wait);
  }
}
