package io.plumbline.conformance.robustness;

/**
 * Something the fuzzer found about the implementation under test (a target finding: about the
 * server, never about plumbline).
 *
 * @param kind {@code hang} (no answer within the deadline), {@code crash} (a member unreachable),
 *     {@code lost-leader} (no leader, or a different one, after a batch of requests),
 *     {@code liveness} (the probe's put/get failed), {@code divergence} (status or result differs
 *     from the differential implementation), {@code differential-hang} / {@code differential-crash} (the
 *     second implementation stopped answering this request: a finding about it, after which nothing
 *     more is compared)
 * @param summary one line
 * @param request the (shrunk, for divergences) request that shows it
 * @param target what the target answered
 * @param other what the differential implementation answered, or null
 * @param replayFile the saved request, relative to the report directory, or null when not saved
 * @param reproduce the command that replays it
 */
public record Finding(String kind, String summary, FuzzRequest request, String target, String other, String replayFile,
    String reproduce) {
  /** Every finding is about the server under test; this is the category reports give it. */
  public static final String CATEGORY = "target-finding";

  /** The evidence lines of the report. */
  java.util.List<String> evidence() {
    java.util.List<String> l = new java.util.ArrayList<>();
    l.add(CATEGORY + " [" + kind + "] " + summary);
    if (request != null) {
      l.add("  request: " + request.text());
    }
    if (target != null) {
      l.add("  target answered: " + target);
    }
    if (other != null) {
      l.add("  differential answered: " + other);
    }
    if (reproduce != null) {
      l.add("  reproduce: " + reproduce);
    }
    return l;
  }
}
