package io.plumbline.chaos.nemesis;

/**
 * What the nemesis driver plays a schedule on: applies one planned {@link FaultWindow} (saying
 * whether it took effect) and heals everything still active. {@link Nemesis} does it for a store
 * cluster; the control-plane run's nemesis for its processes and store links. One vocabulary
 * (fault kinds, windows, applied faults), so every run records and judges planned against applied
 * faults the same way.
 */
public interface FaultApplier {
  /** Applies {@code w} without waiting for its end; says what it did and whether it took effect. */
  Applied apply(FaultWindow w);

  /** Undoes every active fault; says what it did. */
  String healAll();

  /**
   * After the last heal, waits (at most {@code limitMs}) until the system serves clients again, so
   * the final operations judge recovery rather than a restart still under way; says what it saw.
   * The default waits for nothing: a store member's restart already waits for its health.
   */
  default String awaitServing(long limitMs) {
    return "";
  }
}
