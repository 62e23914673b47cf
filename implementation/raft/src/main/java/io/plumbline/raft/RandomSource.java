package io.plumbline.raft;

/**
 * The core's only source of randomness (election jitter). Injected so that the same seed gives
 * the same behaviour; implementations must be deterministic for a given seed.
 */
public interface RandomSource {
  /** A uniformly distributed value in {@code [0, bound)}; {@code bound > 0}. */
  int nextInt(int bound);
}
