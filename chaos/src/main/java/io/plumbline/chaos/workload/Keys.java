package io.plumbline.chaos.workload;

import io.plumbline.chaos.generator.Context;

/**
 * Rotating key sets, as Jepsen's independent generator: every {@link #EPOCH_NANOS} a fresh set of
 * {@link #PER_EPOCH} keys is used, so each key's sub-history stays short enough to check quickly.
 */
final class Keys {
  static final long EPOCH_NANOS = 10_000_000_000L;
  static final int PER_EPOCH = 8;

  private Keys() {}

  /** A random key of the current epoch. */
  static long random(Context ctx) {
    return epoch(ctx) * PER_EPOCH + ctx.rng().nextInt(PER_EPOCH);
  }

  /** Key {@code slot} of the current epoch. */
  static long slot(Context ctx, int slot) {
    return epoch(ctx) * PER_EPOCH + Math.floorMod(slot, PER_EPOCH);
  }

  private static long epoch(Context ctx) {
    return ctx.timeNanos() / EPOCH_NANOS;
  }
}
