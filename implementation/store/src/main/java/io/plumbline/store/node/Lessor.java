package io.plumbline.store.node;

import io.plumbline.store.fault.Faults;
import io.plumbline.store.mvcc.Lease;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lease deadlines, meaningful on the leader only (not replicated, as in etcd): a new leader gives
 * every lease its full TTL again, keep-alives push a deadline out, and expired leases are handed
 * out once for revocation (again after a retry interval if the revoke did not commit).
 * Used by the node loop thread only; time is passed in (nanoseconds).
 */
final class Lessor {
  private static final long RETRY_NANOS = 3_000_000_000L;
  private final Map<Long, Long> deadlines = new HashMap<>();
  private final Map<Long, Long> revoking = new HashMap<>();
  private final Faults faults;

  Lessor(Faults faults) {
    this.faults = faults;
  }

  /** A lease's lifetime from now (early-lease-expiry shortens it). */
  private long lifetimeNanos(long ttlSeconds) {
    return faults.leaseLifetimeNanos(ttlSeconds); // fault hook: early-lease-expiry
  }

  /** A new leader: every lease gets its whole TTL from now. */
  void promote(Iterable<Lease> leases, long now) {
    deadlines.clear();
    revoking.clear();
    for (Lease l : leases) {
      deadlines.put(l.id(), now + lifetimeNanos(l.ttlSeconds()));
    }
  }

  void granted(long id, long ttlSeconds, long now) {
    deadlines.put(id, now + lifetimeNanos(ttlSeconds));
  }

  void revoked(long id) {
    deadlines.remove(id);
    revoking.remove(id);
  }

  void renew(long id, long ttlSeconds, long now) {
    deadlines.put(id, now + lifetimeNanos(ttlSeconds));
    revoking.remove(id);
  }

  /**
   * Remaining whole seconds (truncated, as etcd 3.4's {@code int64(lease.Remaining().Seconds())}: a lease granted
   * 30 s answers 29 at once), or -1 when unknown.
   */
  long remainingSeconds(long id, long now) {
    Long d = deadlines.get(id);
    return d == null ? -1 : Math.max(0, (d - now) / 1_000_000_000L);
  }

  /** Leases past their deadline that are not being revoked already. */
  List<Long> expired(long now) {
    List<Long> out = new ArrayList<>();
    for (Map.Entry<Long, Long> e : deadlines.entrySet()) {
      Long since = revoking.get(e.getKey());
      if (e.getValue() <= now && (since == null || now - since > RETRY_NANOS)) {
        out.add(e.getKey());
        revoking.put(e.getKey(), now);
      }
    }
    return out;
  }
}
