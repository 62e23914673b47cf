package io.plumbline.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link ElectionClock#system}: time from an injected {@link Clock}, pauses on a monitor. A
 * monitor wait may end before its timeout (a spurious wake-up, a stray {@code notify}, a timeout
 * kept on another timebase than the clock's), so a pause does not trust it: it waits again for
 * what is left until the injected clock itself shows the whole pause passed, and only
 * {@link #stop} (or an interrupt) ends it sooner.
 *
 * <p>Which clock a pause follows, under libfaketime too: the injected clock, the one
 * {@link #instant()} reads, never the wait's own timebase. Every timing rule of the elector
 * (retries a retry period apart, the renew deadline, a lease's expiry one lease duration after
 * its record last changed) is judged on {@link #instant()}, and trace validation checks each
 * judgment on that clock to the millisecond; a pause measured on another clock could end, by the
 * elector's own clock, before the time it asked for (a retry sooner than the retry period, a
 * renewal window cut short). libfaketime shifts the JVM's wall clock, which the production
 * {@link Clock} reads; whether it also shifts the wait's timeout depends on its settings. Whatever
 * it does there, a pause lasts until the injected clock shows {@code ms} passed: a clock stepped
 * back by {@code d} during a pause lengthens it by {@code d}; a clock stepped forward ends it at its
 * next wake-up (the monitor's timeout for what was left, at the latest).
 */
final class SystemElectionClock implements ElectionClock {
  /** How a pause waits on its monitor: {@link Object#wait(long)}, or a test's stand-in. */
  @FunctionalInterface
  interface MonitorWait {
    /** Waits on {@code monitor} (held by the caller) for at most {@code ms}, maybe less. */
    void await(Object monitor, long ms) throws InterruptedException;
  }

  private final Clock clock;
  private final MonitorWait monitorWait;
  private final Object monitor = new Object();
  private boolean stopped;

  SystemElectionClock(Clock clock, MonitorWait monitorWait) {
    this.clock = clock;
    this.monitorWait = monitorWait;
  }

  @Override
  public Instant instant() {
    return clock.instant();
  }

  @Override
  public boolean pause(long ms) {
    Duration wanted = Duration.ofMillis(Math.max(1, ms));
    Instant start = clock.instant();
    synchronized (monitor) {
      try {
        while (!stopped) {
          Duration left = wanted.minus(Duration.between(start, clock.instant()));
          if (left.isNegative() || left.isZero()) {
            return true;
          }
          // Rounded up: a wait of the truncated milliseconds would wake just short of the end.
          monitorWait.await(monitor, (left.toNanos() + 999_999) / 1_000_000);
        }
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Override
  public void stop() {
    synchronized (monitor) {
      stopped = true;
      monitor.notifyAll();
    }
  }
}
