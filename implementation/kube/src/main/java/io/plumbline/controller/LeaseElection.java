package io.plumbline.controller;

import java.util.Optional;
import java.util.Set;

/**
 * client-go's {@code tryAcquireOrRenew} as a pure state machine: no clock, no I/O. The caller
 * reads the Lease, asks {@link #decide} what to write, writes it with the read's
 * resourceVersion, and reports a successful write with {@link #written}.
 *
 * <p>A lease held by someone else counts as expired only after this candidate has watched the
 * same record, unchanged, for the lease duration that record advertises
 * ({@code spec.leaseDurationSeconds}, as current client-go's {@code isLeaseValid}), on its own
 * clock ({@code observedTimeMs}): times written by other machines are never compared with this
 * one's clock, and a holder configured with a longer lease than this candidate is not overthrown
 * at this candidate's duration. Taking a lease from
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
  private final ElectionTrace trace;
  private final Set<ElectionBug> bugs;
  private LeaseRecord observed;
  private long observedTimeMs;
  private boolean leading;
  private long lastRenewMs;

  public LeaseElection(ElectionConfig config) {
    this(config, ElectionTrace.NONE, Set.of());
  }

  /** An election that reports each step to {@code trace}, with deliberate {@code bugs} (tests only). */
  public LeaseElection(ElectionConfig config, ElectionTrace trace, Set<ElectionBug> bugs) {
    this.config = config;
    this.trace = trace;
    this.bugs = Set.copyOf(bugs);
  }

  /**
   * Spec action {@code Get(c)}: decides from the Lease as just read ({@code empty}: it does not
   * exist) whether to renew it (this candidate holds it), acquire it (it is free, or its holder
   * left it unchanged for the lease duration the record advertises, on this candidate's
   * clock), or wait.
   */
  public Decision decide(Optional<LeaseRecord> current, long nowMs, String nowMicroTime) {
    Decision d = decideQuietly(current, nowMs, nowMicroTime);
    trace.event("Get", config.identity(), nowMs, current.orElse(null),
        d.kind() == Decision.Kind.WAIT ? "none"
            : current.isPresent() && current.get().holderIdentity().equals(config.identity())
                ? "renew" : "acquire");
    return d;
  }

  private Decision decideQuietly(Optional<LeaseRecord> current, long nowMs, String nowMicroTime) {
    int durationSeconds = config.leaseDurationSeconds();
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
    long expiresAfterMs = bugs.contains(ElectionBug.ACQUIRE_BEFORE_EXPIRY)
        ? config.renewDeadlineMs() : advertisedDurationMs(record);
    long seenMs = bugs.contains(ElectionBug.EXPIRY_FROM_RENEW_TIME) && !record.renewTime().isEmpty()
        ? java.time.Instant.parse(record.renewTime()).toEpochMilli() : observedTimeMs;
    if (held && !mine && seenMs + expiresAfterMs > nowMs) {
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
   * candidate watches held by another would expire ({@code observedTimeMs} + the record's
   * {@code leaseDurationSeconds}), so
   * the takeover happens one read after expiry instead of up to 2.2 retry periods later. Never
   * earlier than 1 ms, never later than the jittered delay.
   */
  public long nextAttemptInMs(long nowMs, long jitteredRetryMs) {
    if (observed == null || observed.holderIdentity().isEmpty()
        || observed.holderIdentity().equals(config.identity())) {
      return jitteredRetryMs;
    }
    long untilExpiry = observedTimeMs + advertisedDurationMs(observed) - nowMs;
    return Math.max(1, Math.min(jitteredRetryMs, untilExpiry));
  }

  /**
   * How long {@code record}'s holder said its lease lasts ({@code spec.leaseDurationSeconds};
   * 0 or less, as client-go, expires at once).
   */
  private static long advertisedDurationMs(LeaseRecord record) {
    return Math.max(0, record.leaseDurationSeconds()) * 1000L;
  }

  /** When this candidate last saw the lease record change (its own clock), or 0 before that. */
  public long observedTimeMs() {
    return observedTimeMs;
  }

  /** The holder of the record last observed ("" when none or nothing observed yet). */
  public String observedHolder() {
    return observed == null ? "" : observed.holderIdentity();
  }

  /**
   * Spec action {@code UpdateSucceeds(c)}: the write of {@code record}, decided at {@code nowMs},
   * succeeded: this candidate holds the lease and leads; its renew deadline counts from
   * {@code nowMs}.
   */
  public void written(LeaseRecord record, long nowMs) {
    observed = record;
    observedTimeMs = nowMs;
    leading = true;
    lastRenewMs = nowMs;
    trace.event("UpdateSucceeds", config.identity(), nowMs, record, null);
  }

  /**
   * Spec action {@code UpdateConflicts(c)}: the store refused the write (409: the Lease changed
   * since it was read). Nothing is learnt; the candidate tries again later.
   */
  public void conflicted(long nowMs) {
    trace.event("UpdateConflicts", config.identity(), nowMs, null, null);
  }

  /**
   * Spec action {@code UpdateUnanswered(c)}: the write of {@code attempted}, decided at
   * {@code nowMs}, got no answer (a timeout) or an error that is not a conflict; it may have
   * taken effect. Nothing is learnt: a leader's renew deadline still counts from its last known
   * renew, and a write that did land shows up as this candidate's own record at a later read.
   * It may land long after this call, even after this candidate's next read (spec action
   * {@code UnansweredLands}, which no process sees and so none emits: the trace merge places it at
   * the revision the store shows it made).
   */
  public void unanswered(LeaseRecord attempted, long nowMs) {
    trace.event("UpdateUnanswered", config.identity(), nowMs, attempted, null);
  }

  /**
   * Spec action {@code StepDown(c)}: a leader that has not renewed for a renew deadline on its
   * clock stops leading and starts over as a candidate that has observed nothing.
   *
   * @return whether it stepped down now
   */
  public boolean stepDown(long nowMs) {
    if (!leading || nowMs < lastRenewMs + config.renewDeadlineMs()) {
      return false;
    }
    leading = false;
    observed = null;
    observedTimeMs = 0;
    trace.event("StepDown", config.identity(), nowMs, null, null);
    return true;
  }

  /** Whether this candidate leads (its last write succeeded and it has not stepped down). */
  public boolean leading() {
    return leading;
  }

  /** When this candidate last acquired or renewed the lease, on its clock. */
  public long lastRenewMs() {
    return lastRenewMs;
  }
}
