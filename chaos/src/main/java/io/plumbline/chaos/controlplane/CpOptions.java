package io.plumbline.chaos.controlplane;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A control-plane chaos run. Leases are shortened (default 4 s / 3 s / 1 s) so that several
 * takeovers fit into a minute; {@code fencing} false runs controller managers and API servers
 * unfenced, to show the double-leader writes fencing prevents.
 */
public record CpOptions(long seed, Duration duration, int clients, int rcs, boolean fencing,
    String store, long leaseDurationMs, long renewDeadlineMs, long retryPeriodMs, Path report) {

  /**
   * Takeover bound: lease duration + the jittered retry (1.2 × retry) + {@link #SLACK_MS} for the
   * HTTP round trips and scheduling delays of a shared 2-core machine (measured up to ~4 s there).
   */
  public long takeoverBoundMs() {
    return leaseDurationMs + (long) (1.2 * retryPeriodMs) + SLACK_MS;
  }

  public static final long SLACK_MS = 5_000;
}
