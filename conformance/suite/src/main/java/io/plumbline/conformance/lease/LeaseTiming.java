package io.plumbline.conformance.lease;

import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure verifiers for lease timing. The leader starts a lease's clock when it applies the grant: no
 * earlier than the client sent the grant, no later than the client got its answer. So a read that
 * saw the key gone and was answered less than the TTL after the grant was sent proves an early
 * expiry, and a read that saw the key and was sent more than TTL + grace after the grant was
 * answered proves a late one (etcd checks expiries every 500 ms, revokes through Raft, and extends
 * leases on a leader change). Anything in between proves neither: PASS needs a read that saw the key
 * gone, answered within TTL + grace of the grant being sent.
 */
public final class LeaseTiming {
  private LeaseTiming() {}

  /**
   * The verdict of the expiry check. Every read must have been sent after the put of the key was
   * answered; times in the messages are milliseconds after the grant was sent.
   *
   * @param grantSentNanos when the grant was sent
   * @param grantAnsweredNanos when its answer arrived
   * @param ttlSeconds the TTL the grant response reported
   * @param probes reads of the leased key, in order
   * @param graceNanos how long after the TTL the key may still exist
   * @param evidence lines before the reads (grant, put)
   */
  public static Verdict expiry(long grantSentNanos, long grantAnsweredNanos, long ttlSeconds, List<Probe> probes,
      long graceNanos, List<String> evidence) {
    long ttl = ttlSeconds * 1_000_000_000L;
    String bounds = "TTL " + ttlSeconds + " s + grace " + ms(graceNanos) + " ms";
    List<String> ev = new ArrayList<>(evidence);
    ev.add("grant answered " + ms(grantAnsweredNanos - grantSentNanos) + " ms after it was sent");
    ev.add(describe(grantSentNanos, probes));
    List<String> problems = new ArrayList<>();
    Probe firstGone = probes.stream().filter(p -> !p.present()).findFirst().orElse(null);
    if (firstGone != null && firstGone.completeNanos() < grantSentNanos + ttl) {
      problems.add("early expiry: the read " + span(grantSentNanos, firstGone) + " saw the key gone, before its TTL"
          + " of " + ttlSeconds + " s");
    }
    if (firstGone != null) {
      probes.stream().filter(p -> p.present() && p.invokeNanos() > firstGone.completeNanos()).findFirst()
          .ifPresent(p -> problems.add("the key came back: the read " + span(grantSentNanos, p) + " saw it after the"
              + " read " + span(grantSentNanos, firstGone) + " saw it gone"));
    }
    List<String> late = probes.stream()
        .filter(p -> p.present() && p.invokeNanos() > grantAnsweredNanos + ttl + graceNanos)
        .map(p -> span(grantSentNanos, p)).toList();
    if (!late.isEmpty()) {
      problems.add("late expiry: the key was still there in the read(s) " + String.join(", ", late) + "; sent more"
          + " than " + bounds + " after the grant was answered (" + ms(grantAnsweredNanos - grantSentNanos) + " ms)");
    }
    if (!problems.isEmpty()) {
      return Verdict.of("", problems, ev);
    }
    if (firstGone != null && firstGone.completeNanos() <= grantSentNanos + ttl + graceNanos) {
      return Verdict.pass("key gone by " + ms(firstGone.completeNanos() - grantSentNanos) + " ms after the grant ("
          + bounds + ")", ev);
    }
    return Verdict.unknown("the reads do not bound the expiry: " + (firstGone == null
        ? (probes.isEmpty() ? "no read of the key" : "no read saw the key gone")
            + " and none was sent more than " + bounds + " after the grant was answered"
        : "the first read that saw the key gone was answered " + ms(firstGone.completeNanos() - grantSentNanos)
            + " ms after the grant, past " + bounds), ev);
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

  /** The reads, each as {@code sent-answered:yes|NO} in ms after the grant was sent. */
  static String describe(long grantSentNanos, List<Probe> probes) {
    StringBuilder sb = new StringBuilder("reads (ms after the grant was sent, sent-answered: present?):");
    for (Probe p : probes) {
      sb.append(' ').append(ms(p.invokeNanos() - grantSentNanos)).append('-').append(ms(p.completeNanos()
          - grantSentNanos)).append(p.present() ? ":yes" : ":NO");
    }
    return probes.isEmpty() ? sb + " none" : sb.toString();
  }

  private static String span(long grantSentNanos, Probe p) {
    return "sent " + ms(p.invokeNanos() - grantSentNanos) + " ms, answered " + ms(p.completeNanos() - grantSentNanos)
        + " ms after the grant";
  }

  static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
