package io.plumbline.store.sim;

/**
 * How the simulated network misbehaves, drawn per seed. Delays are in ticks; a delay drawn per
 * frame reorders frames.
 *
 * @param loss a frame is dropped
 * @param duplicate a frame is delivered twice
 * @param minDelayTicks shortest delay
 * @param maxDelayTicks longest delay (a wide range reorders)
 */
public record NetFaults(double loss, double duplicate, int minDelayTicks, int maxDelayTicks) {
  public static final NetFaults NONE = new NetFaults(0, 0, 1, 1);
}
