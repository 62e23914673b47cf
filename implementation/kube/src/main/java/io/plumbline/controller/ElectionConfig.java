package io.plumbline.controller;

/**
 * Leader election settings, client-go's names and defaults: a 15 s lease, a 10 s renew deadline,
 * a 2 s retry period. The lease lives at {@code namespace/name}; {@code identity} names this
 * candidate.
 */
public record ElectionConfig(String namespace, String name, String identity, long leaseDurationMs,
    long renewDeadlineMs, long retryPeriodMs) {

  public static final long DEFAULT_LEASE_DURATION_MS = 15_000;
  public static final long DEFAULT_RENEW_DEADLINE_MS = 10_000;
  public static final long DEFAULT_RETRY_PERIOD_MS = 2_000;

  public ElectionConfig {
    if (!(leaseDurationMs > renewDeadlineMs && renewDeadlineMs > retryPeriodMs
        && retryPeriodMs > 0)) {
      throw new IllegalArgumentException("need leaseDuration > renewDeadline > retryPeriod > 0, "
          + "got " + leaseDurationMs + " / " + renewDeadlineMs + " / " + retryPeriodMs + " ms");
    }
  }

  /**
   * The {@code spec.leaseDurationSeconds} this candidate writes: its lease duration in whole
   * seconds, rounded up (client-go truncates; rounding up never advertises less than this
   * candidate holds the lease for, so a peer that times expiry by the record never takes it
   * before this holder's renew deadline has passed). At least 1.
   */
  public int leaseDurationSeconds() {
    return (int) Math.max(1, (leaseDurationMs + 999) / 1000);
  }

  /** The fencing header value for generation {@code g}: {@code namespace/name=g}. */
  String fenceClaim(long generation) {
    return namespace + "/" + name + "=" + generation;
  }
}
