package io.plumbline.checker;

import java.time.Duration;

/**
 * Limits on one check. When either is exceeded the verdict is {@link Validity#UNKNOWN} with the
 * reason, instead of hanging or running out of memory.
 *
 * @param timeout wall-clock limit for the whole check (all partitions)
 * @param maxMemoBytes approximate limit on the memo of (linearized set, state) pairs, summed
 *     over partitions checked at the same time
 */
public record Budget(Duration timeout, long maxMemoBytes) {
  /** 60 s, and a quarter of the JVM's maximum heap for the memo. */
  public static Budget defaults() {
    return ofTimeout(Duration.ofSeconds(60));
  }

  /** The given timeout and a quarter of the heap for the memo. */
  public static Budget ofTimeout(Duration timeout) {
    return new Budget(timeout, Runtime.getRuntime().maxMemory() / 4);
  }
}
