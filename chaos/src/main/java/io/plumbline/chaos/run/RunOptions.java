package io.plumbline.chaos.run;

import java.time.Duration;

/**
 * Timing and size of one chaos run.
 *
 * @param seed the seed of every random choice (schedule, plans, operations)
 * @param concurrency client processes (Jepsen's threads)
 * @param ratePerSecond total operations per second asked of the generator
 * @param duration length of the fault phase
 * @param opTimeout deadline of every client call (a call that exceeds it is recorded as info)
 * @param recoveryTimeout how long after the heal the final operations may take to succeed
 */
public record RunOptions(long seed, int concurrency, double ratePerSecond, Duration duration, Duration opTimeout,
    Duration recoveryTimeout) {
  public static RunOptions of(long seed, Duration duration, double rate) {
    return new RunOptions(seed, 10, rate, duration, Duration.ofSeconds(2), Duration.ofSeconds(30));
  }
}
