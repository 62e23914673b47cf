package io.plumbline.chaos.generator;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * What a generator may look at: the run's clock, which processes are free, and the run's seeded
 * random source (the only randomness a generator may use, so a seed replays a run's choices).
 *
 * @param timeNanos now, on the run's clock (0 at the start of the run)
 * @param free processes that can take an operation now
 * @param rng the seeded random source
 */
public record Context(long timeNanos, SortedSet<Integer> free, RandomGenerator rng) {
  public Context {
    free = new TreeSet<>(free);
  }

  /** The same context seeing only {@code allowed} processes. */
  public Context restrict(Set<Integer> allowed) {
    SortedSet<Integer> f = new TreeSet<>(free);
    f.retainAll(allowed);
    return new Context(timeNanos, f, rng);
  }
}
