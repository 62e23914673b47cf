package io.plumbline.chaos.storesim;

/**
 * What one seed did: ok, or the first broken check ({@code invariant}) with its detail and tick.
 * {@code trace} holds the last events before the end (empty when ok).
 */
public record StoreSimResult(long seed, String invariant, String detail, long failedAtTick, long ticks,
    String digest, int operations, int acknowledged, long messages, int crashes, int partitions,
    long diskFaults, String trace) {
  public boolean ok() {
    return invariant == null;
  }
}
