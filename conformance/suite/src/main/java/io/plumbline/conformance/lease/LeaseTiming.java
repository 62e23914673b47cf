package io.plumbline.conformance.lease;

import java.util.ArrayList;
import java.util.List;

/**
 * Pure verifiers for lease timing. A lease granted with TTL t cannot expire before t has passed
 * since the grant was sent (the leader starts the clock when it applies the grant, later than
 * that), so a read that saw the key gone and completed earlier proves an early expiry. It must
 * expire within t plus a grace period (etcd checks expiries every 500 ms and revokes through Raft).
 */
public final class LeaseTiming {
  private LeaseTiming() {}

  /**
   * @param grantInvokeNanos when the grant was sent
   * @param ttlSeconds the TTL the grant response reported
   * @param probes reads of the leased key, in order
   * @param graceNanos how long after the TTL the key may still exist
   */
  public static List<String> expiry(long grantInvokeNanos, long ttlSeconds, List<Probe> probes, long graceNanos) {
    List<String> problems = new ArrayList<>();
    long ttl = ttlSeconds * 1_000_000_000L;
    Probe firstGone = null;
    for (Probe p : probes) {
      if (!p.present() && firstGone == null) {
        firstGone = p;
        if (p.completeNanos() < grantInvokeNanos + ttl) {
          problems.add("early expiry: the key was gone " + ms(p.completeNanos() - grantInvokeNanos)
              + " ms after the grant was sent, before its TTL of " + ttlSeconds + " s");
        }
      } else if (p.present() && firstGone != null) {
        problems.add("the key came back " + ms(p.completeNanos() - grantInvokeNanos) + " ms after the grant, after it had"
            + " expired");
      }
    }
    if (firstGone == null) {
      problems.add("the key still existed " + (probes.isEmpty() ? 0 : ms(probes.get(probes.size() - 1).invokeNanos()
          - grantInvokeNanos)) + " ms after the grant (TTL " + ttlSeconds + " s + grace " + ms(graceNanos) + " ms)");
    } else if (firstGone.invokeNanos() > grantInvokeNanos + ttl + graceNanos && !probes.isEmpty()) {
      problems.add("late expiry: the key was still there until " + ms(firstGone.invokeNanos() - grantInvokeNanos)
          + " ms after the grant");
    }
    return problems;
  }

  /** Keep-alive: a key whose lease is kept alive never disappears. */
  public static List<String> keptAlive(long grantInvokeNanos, List<Probe> probes) {
    List<String> problems = new ArrayList<>();
    for (Probe p : probes) {
      if (!p.present()) {
        problems.add("the key of a kept-alive lease was gone " + ms(p.completeNanos() - grantInvokeNanos)
            + " ms after the grant");
        break;
      }
    }
    return problems;
  }

  static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
