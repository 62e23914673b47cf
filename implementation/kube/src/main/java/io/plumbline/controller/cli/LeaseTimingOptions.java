package io.plumbline.controller.cli;

import io.plumbline.common.UserError;
import picocli.CommandLine.Option;

/**
 * The leader-election timings, client-go's names and defaults (15 s lease, 10 s renew deadline,
 * 2 s retry): a picocli mixin shared by {@code controller-manager} and {@code up}, validated in
 * one place.
 */
public final class LeaseTimingOptions {
  @Option(names = "--lease-duration-ms", defaultValue = "15000",
      description = "A standby takes over a lease it saw unrenewed this long "
          + "(client-go default: ${DEFAULT-VALUE}).")
  long leaseDurationMs;

  @Option(names = "--renew-deadline-ms", defaultValue = "10000",
      description = "A leader that cannot renew for this long steps down "
          + "(client-go default: ${DEFAULT-VALUE}).")
  long renewDeadlineMs;

  @Option(names = "--retry-period-ms", defaultValue = "2000",
      description = "Acquire/renew attempts this often (client-go default: ${DEFAULT-VALUE}).")
  long retryPeriodMs;

  public long leaseDurationMs() {
    return leaseDurationMs;
  }

  public long renewDeadlineMs() {
    return renewDeadlineMs;
  }

  public long retryPeriodMs() {
    return retryPeriodMs;
  }

  /** client-go's rule: duration > renew deadline > retry period > 0. */
  public void validate() {
    if (!(leaseDurationMs > renewDeadlineMs && renewDeadlineMs > retryPeriodMs
        && retryPeriodMs > 0)) {
      throw new UserError("--lease-duration-ms > --renew-deadline-ms > --retry-period-ms > 0 "
          + "expected, got " + leaseDurationMs + ", " + renewDeadlineMs + ", " + retryPeriodMs);
    }
  }
}
