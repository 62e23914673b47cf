package io.plumbline.controller;

import java.util.Optional;

/**
 * client-go's {@code tryAcquireOrRenew} as a pure state machine: no clock, no I/O. The caller
 * reads the Lease, asks {@link #decide} what to write, writes it with the read's
 * resourceVersion, and reports a successful write with {@link #written}.
 *
 * <p>A lease held by someone else counts as expired only after this candidate has watched the
 * same record, unchanged, for a full lease duration on its own clock ({@code observedTimeMs}):
 * times written by other machines are never compared with this one's clock. Taking a lease from
 * another holder increments {@code leaseTransitions}, the generation that fences the new
 * leader's writes.
 */
public final class LeaseElection {
  /** What to write, if anything: a Lease spec to create or to update. */
  public record Decision(Kind kind, LeaseRecord record) {
    /** No write: another holder's lease is still live. */
    public enum Kind { WAIT, CREATE, UPDATE }
  }

  private final ElectionConfig config;
  private LeaseRecord observed;
  private long observedTimeMs;

  public LeaseElection(ElectionConfig config) {
    this.config = config;
  }

  /** Decides from the Lease as just read ({@code empty}: it does not exist). */
  public Decision decide(Optional<LeaseRecord> current, long nowMs, String nowMicroTime) {
    int durationSeconds = (int) Math.max(1, config.leaseDurationMs() / 1000);
    if (current.isEmpty()) {
      return new Decision(Decision.Kind.CREATE, new LeaseRecord(config.identity(),
          durationSeconds, nowMicroTime, nowMicroTime, 0));
    }
    LeaseRecord record = current.get();
    if (!record.equals(observed)) {
      observed = record;
      observedTimeMs = nowMs;
    }
    boolean mine = record.holderIdentity().equals(config.identity());
    boolean held = !record.holderIdentity().isEmpty();
    if (held && !mine && observedTimeMs + config.leaseDurationMs() > nowMs) {
      return new Decision(Decision.Kind.WAIT, null);
    }
    LeaseRecord next = mine
        ? new LeaseRecord(config.identity(), durationSeconds, record.acquireTime(), nowMicroTime,
            record.leaseTransitions())
        : new LeaseRecord(config.identity(), durationSeconds, nowMicroTime, nowMicroTime,
            record.leaseTransitions() + 1);
    return new Decision(Decision.Kind.UPDATE, next);
  }

  /**
   * When to try again, given client-go's jittered retry delay: at the latest when the lease this
   * candidate watches held by another would expire ({@code observedTimeMs + leaseDuration}), so
   * the takeover happens one read after expiry instead of up to 2.2 retry periods later. Never
   * earlier than 1 ms, never later than the jittered delay.
   */
  public long nextAttemptInMs(long nowMs, long jitteredRetryMs) {
    if (observed == null || observed.holderIdentity().isEmpty()
        || observed.holderIdentity().equals(config.identity())) {
      return jitteredRetryMs;
    }
    long untilExpiry = observedTimeMs + config.leaseDurationMs() - nowMs;
    return Math.max(1, Math.min(jitteredRetryMs, untilExpiry));
  }

  /** When this candidate last saw the lease record change (its own clock), or 0 before that. */
  public long observedTimeMs() {
    return observedTimeMs;
  }

  /** The holder of the record last observed ("" when none or nothing observed yet). */
  public String observedHolder() {
    return observed == null ? "" : observed.holderIdentity();
  }

  /** The write of {@code record} succeeded at {@code nowMs}: this candidate now holds the lease. */
  public void written(LeaseRecord record, long nowMs) {
    observed = record;
    observedTimeMs = nowMs;
  }
}
