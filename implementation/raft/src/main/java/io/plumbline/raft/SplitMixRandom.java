package io.plumbline.raft;

/**
 * A seeded SplitMix64 generator: tiny, fast, and specified here bit for bit, so a seed gives the
 * same sequence on every JVM (unlike relying on a library's unspecified algorithm).
 */
public final class SplitMixRandom implements RandomSource {
  private long state;

  public SplitMixRandom(long seed) {
    this.state = seed;
  }

  /** The next 64 random bits. */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    return (int) Long.remainderUnsigned(nextLong(), bound);
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return (nextLong() >>> 11) * 0x1.0p-53 < p;
  }

  /** A new generator whose sequence is independent of this one's remaining sequence. */
  public SplitMixRandom split() {
    return new SplitMixRandom(nextLong());
  }
}
