package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import java.util.Optional;
import java.util.Set;

/** The walk's fixed seed set, shared by its own test and the core's mutation catalogue. */
public final class WalkSeeds {
  /** Seeds 1..SEEDS of {@link #STEPS} steps each. */
  public static final int SEEDS = 200;
  public static final int STEPS = 300;
  /** Percent of persist steps that crash the member. */
  public static final int CRASH_PERCENT = 3;

  private WalkSeeds() {}

  static SplitReadyWalk.Options options(long seed, Set<InjectedBug> bugs) {
    return new SplitReadyWalk.Options(seed, STEPS, CRASH_PERCENT, bugs);
  }

  /** The first seed whose walk fails on cores with {@code bugs}. */
  static Optional<SplitReadyWalk.Result> firstFailure(Set<InjectedBug> bugs) {
    for (long seed = 1; seed <= SEEDS; seed++) {
      SplitReadyWalk.Result r = new SplitReadyWalk(options(seed, bugs)).run();
      if (!r.ok()) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** As {@link #firstFailure}, as the catalogue reports it. */
  public static Optional<String> firstViolation(Set<InjectedBug> bugs) {
    return firstFailure(bugs).map(SplitReadyWalk.Result::report);
  }
}
