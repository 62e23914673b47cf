package io.plumbline.conformance.faults;

import io.plumbline.store.fault.FaultMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the suite must say about each fault mode of the reference store, in one place: the groups run,
 * the checks that must FAIL, and the checks that may fail as a side effect (with the reason). Every
 * other check of those groups must pass, proving the mode breaks only what it claims to.
 * {@link #markdown()} renders the table that {@code conformance/README.md} shows.
 */
final class ExpectedFailures {
  private ExpectedFailures() {}

  /**
   * One row of the table.
   *
   * @param mode the fault mode
   * @param groups the groups the test runs against it
   * @param mustFail checks ({@code group/check}) that must report FAIL
   * @param oneMustFail checks of which at least one must report FAIL (for a fault whose visibility
   *     depends on timing, each of them alone may miss it in a short run on a loaded machine)
   * @param mayFail checks that may report FAIL as a consequence of the same fault, and why
   */
  record Expectation(FaultMode mode, List<String> groups, Set<String> mustFail, Set<String> oneMustFail,
      Map<String, String> mayFail) {
    /** Whether the check may report anything but PASS. */
    boolean allowsFailure(String check) {
      return mustFail.contains(check) || oneMustFail.contains(check) || mayFail.containsKey(check);
    }
  }

  private static final String REPORTED_AS_ETCD_BUG = "reported as `deviation`: the reference store says it is etcd "
      + "3.4.23, whose known bug etcd-io/etcd#15220 lets a progress notification overtake events";

  private static final String SPINNING = "the member that got the deep txn spins on it; its later requests may time out";

  static final List<Expectation> TABLE = List.of(
      new Expectation(FaultMode.STALE_READ, List.of("linearizability", "serializable"),
          Set.of(), Set.of("linearizability/kv-history", "serializable/linearizable-not-stale"),
          Map.of("serializable/not-newer-than-linearizable",
              "a stale \"linearizable\" read on the lagging follower is older than an earlier serializable read")),
      new Expectation(FaultMode.LOST_WATCH_EVENT, List.of("kv", "txn", "watch"),
          Set.of("watch/reliable", "kv/revisions-contiguous"), Set.of(),
          Map.of("watch/filters", "the filtered watches lose the same events",
              "watch/bookmarkable", "a progress notification arrives while an event before it never will; "
                  + REPORTED_AS_ETCD_BUG)),
      new Expectation(FaultMode.SPLIT_TXN, List.of("kv", "txn", "watch"),
          Set.of("txn/atomicity"), Set.of(),
          Map.of("watch/reliable", "a two-key txn's events arrive at revisions other than the one the txn answered",
              "watch/filters", "the same, in the filtered watches",
              "watch/bookmarkable", "the same events look late; " + REPORTED_AS_ETCD_BUG)),
      new Expectation(FaultMode.REVISION_SKIP, List.of("kv", "txn", "watch"),
          Set.of("kv/revisions-contiguous"), Set.of(),
          Map.of()),
      new Expectation(FaultMode.EARLY_LEASE_EXPIRY, List.of("txn", "lease"),
          Set.of("lease/ttl-expiry"), Set.of(),
          Map.of("lease/keep-alive", "a keep-alive delayed by more than a quarter of the TTL, e.g. on a loaded machine, lets the lease lapse")),
      new Expectation(FaultMode.NESTED_TXN_HANG, List.of("hostile"),
          Set.of("hostile/nested-txn-deep", "hostile/request-checks"), Set.of(),
          Map.of("hostile/junk-protobuf", SPINNING, "hostile/maintenance-requests", SPINNING,
              "hostile/snapshot-status", SPINNING, "hostile/http-endpoints", SPINNING,
              "hostile/watch-requests", SPINNING)),
      new Expectation(FaultMode.AUTH_IGNORES_PERMISSIONS, List.of("auth"),
          Set.of("auth/permissions", "auth/revoked-role"), Set.of(), Map.of()),
      new Expectation(FaultMode.AUTH_KEEPS_TOKENS, List.of("auth"),
          Set.of("auth/deleted-user-token"), Set.of(), Map.of()),
      new Expectation(FaultMode.AUTH_ALLOWS_ANONYMOUS, List.of("auth"),
          Set.of("auth/anonymous-refused"), Set.of(), Map.of()),
      new Expectation(FaultMode.AUTH_ACCEPTS_ANY_PASSWORD, List.of("auth"),
          Set.of("auth/wrong-password"), Set.of(),
          Map.of("auth/deleted-user-token", "authenticating with the old password after a change succeeds")),
      new Expectation(FaultMode.PUT_PREV_KV_IS_NEW, List.of("kv"),
          Set.of("kv/put-prev-kv"), Set.of(), Map.of()));

  static Expectation of(FaultMode mode) {
    return TABLE.stream().filter(e -> e.mode() == mode).findFirst()
        .orElseThrow(() -> new AssertionError("no expectation for fault mode " + mode));
  }

  private static String names(Set<String> checks) {
    return checks.stream().sorted().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
  }

  /** The table as Markdown, one row per mode. */
  static String markdown() {
    StringBuilder out = new StringBuilder("| `--fault` | what it breaks | groups run | must FAIL | may also fail (why) |\n"
        + "|---|---|---|---|---|\n");
    for (Expectation e : TABLE) {
      String may = new TreeMap<>(e.mayFail()).entrySet().stream()
          .map(x -> "`" + x.getKey() + "` (" + x.getValue() + ")").collect(Collectors.joining("; "));
      out.append("| `").append(e.mode().flag()).append("` | ").append(e.mode().meaning()).append(" | ")
          .append(String.join(", ", e.groups())).append(" | ")
          .append(e.mustFail().isEmpty() ? "at least one of " + names(e.oneMustFail()) : names(e.mustFail()))
          .append(" | ").append(may.isEmpty() ? "—" : may).append(" |\n");
    }
    return out.toString();
  }
}
