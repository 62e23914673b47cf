package io.plumbline.store.fault;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the store asks whether to misbehave. {@link #NONE} (the default) answers every
 * question with the correct behaviour; with a {@link FaultMode} exactly that mode's hook deviates.
 * The store classes call these hooks at a handful of marked places ({@code // fault hook}).
 *
 * <p>Every decision is a pure function of the mode, the seed and replicated data (revision numbers),
 * so all members of a cluster misbehave identically and a run can be repeated.
 */
public final class Faults {
  /** One revision in this many is affected by {@code lost-watch-event} and {@code revision-skip}. */
  public static final int PERIOD = 5;
  /** {@code early-lease-expiry} keeps a lease for its TTL divided by this. */
  public static final int LEASE_DIVISOR = 4;
  /** The correct store. */
  public static final Faults NONE = new Faults(null, 0);
  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

  private final FaultMode mode;
  private final long seed;

  private Faults(FaultMode mode, long seed) {
    this.mode = mode;
    this.seed = seed;
  }

  /** The store misbehaving in {@code mode}; {@code seed} shifts which revisions are affected. */
  public static Faults of(FaultMode mode, long seed) {
    return new Faults(java.util.Objects.requireNonNull(mode, "mode"), seed);
  }

  /** The active mode, or null for the correct store. */
  public FaultMode mode() {
    return mode;
  }

  public long seed() {
    return seed;
  }

  public boolean active() {
    return mode != null;
  }

  /** Says loudly, at start, that this member breaks a guarantee on purpose. */
  public void announce(String member) {
    if (active()) {
      LOG.warn("{}: FAULT MODE {} (seed {}): {}. This member breaks etcd's guarantees on purpose; "
          + "use it only to see the conformance suite catch it.", member, mode.flag(), seed, mode.meaning());
    }
  }

  /** stale-read: answer linearizable reads without a ReadIndex round. */
  public boolean skipsReadIndex() {
    return mode == FaultMode.STALE_READ;
  }

  /** lost-watch-event: true when watchers must silently lose the events of {@code revision}. */
  public boolean losesWatchEventsOf(long revision) {
    return mode == FaultMode.LOST_WATCH_EVENT && hits(revision);
  }

  /** split-txn: apply a txn's writes as one revision each. */
  public boolean splitsTxns() {
    return mode == FaultMode.SPLIT_TXN;
  }

  /** The revision the next write transaction gets after {@code current} (revision-skip: sometimes +2). */
  public long nextRevision(long current) {
    long next = current + 1;
    return mode == FaultMode.REVISION_SKIP && hits(next) ? next + 1 : next;
  }

  /** How long a lease lives from a grant or keep-alive (early-lease-expiry: a fraction of its TTL). */
  public long leaseLifetimeNanos(long ttlSeconds) {
    long nanos = ttlSeconds * 1_000_000_000L;
    return mode == FaultMode.EARLY_LEASE_EXPIRY ? nanos / LEASE_DIVISOR : nanos;
  }

  /** put-prev-kv-is-new: a put's prev_kv is the key-value it wrote, not the one it replaced. */
  public boolean echoesPutAsPrevKv() {
    return mode == FaultMode.PUT_PREV_KV_IS_NEW;
  }

  /** auth-ignores-permissions: with auth on, role permissions are not checked. */
  public boolean authIgnoresPermissions() {
    return mode == FaultMode.AUTH_IGNORES_PERMISSIONS;
  }

  /** auth-keeps-tokens: a deleted user's (or changed password's) tokens stay valid. */
  public boolean authKeepsTokens() {
    return mode == FaultMode.AUTH_KEEPS_TOKENS;
  }

  /** auth-allows-anonymous: a caller without credentials is root. */
  public boolean authAllowsAnonymous() {
    return mode == FaultMode.AUTH_ALLOWS_ANONYMOUS;
  }

  /** auth-accepts-any-password: authenticate skips the password check. */
  public boolean authAcceptsAnyPassword() {
    return mode == FaultMode.AUTH_ACCEPTS_ANY_PASSWORD;
  }

  /** nested-txn-hang: check txns with the old check whose work doubles per nesting level. */
  public boolean checksTxnsQuadratically() {
    return mode == FaultMode.NESTED_TXN_HANG;
  }

  /** One revision in every {@link #PERIOD}, shifted by the seed: any PERIOD consecutive revisions hold one. */
  private boolean hits(long revision) {
    return Math.floorMod(revision + seed, PERIOD) == 0;
  }

  @Override
  public String toString() {
    return active() ? mode.flag() + " (seed " + seed + ")" : "none";
  }
}
