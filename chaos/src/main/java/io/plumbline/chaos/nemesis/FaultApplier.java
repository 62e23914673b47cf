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
}
