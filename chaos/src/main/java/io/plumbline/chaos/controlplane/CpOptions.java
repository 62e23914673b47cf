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
   * Takeover bound, counted by the new leader from its last observed change of the lease record
   * (client-go's semantics): lease duration + one retry period + {@link #SLACK_MS} for the
   * round trip of the read that finds the lease expired on a loaded shared 2-core machine.
   */
  public long takeoverBoundMs() {
    return leaseDurationMs + retryPeriodMs + SLACK_MS;
  }

  public static final long SLACK_MS = 2_000;
}
