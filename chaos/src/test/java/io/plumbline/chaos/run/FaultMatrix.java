package io.plumbline.chaos.run;

import io.plumbline.store.fault.FaultMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each chaos workload must say about each fault mode of the reference store (and about the
 * correct store), in one place; {@link #markdown()} renders the table chaos/README.md shows. A
 * {@code live} cell runs in {@code mvn verify} ({@link FaultMatrixTest}); the others are reasoned
 * expectations that say why.
 */
final class FaultMatrix {
  private FaultMatrix() {}

  /** The workloads, in table order (the watch runs first on a shared cluster: its hole check wants it alone). */
  static final List<String> WORKLOADS = List.of("watch", "register", "etcd-kv", "txn", "lease", "lock", "lock-fenced",
      "control-plane", "control-plane-unfenced");

  enum Outcome {
    MUST_FAIL("must fail"), MAY_FAIL("may fail"), MUST_PASS("must pass"), MUST_BE_UNKNOWN("must be unknown");

    final String words;

    Outcome(String words) {
      this.words = words;
    }
  }

  /** One cell: the expected verdict, why (for anything but a plain pass), and whether it runs live here. */
  record Cell(Outcome outcome, String why, boolean live) {}

  private static final String NO_LOCK_SERVICE = "the reference store has no Lock service: every lock call is refused"
      + " (UNIMPLEMENTED), no increment is acknowledged, so there is no evidence";

  private static Cell pass() {
    return new Cell(Outcome.MUST_PASS, "", false);
  }

  private static Cell mustFail(String why) {
    return new Cell(Outcome.MUST_FAIL, why, true);
  }

  private static Cell may(String why) {
    return new Cell(Outcome.MAY_FAIL, why, false);
  }

  /** Rows: null is the correct store (the control run), then every fault mode. */
  static Map<FaultMode, Map<String, Cell>> table() {
    Map<FaultMode, Map<String, Cell>> t = new LinkedHashMap<>();
    t.put(null, row(new Cell(Outcome.MUST_PASS, "", true), new Cell(Outcome.MUST_PASS, "", true),
        new Cell(Outcome.MUST_PASS, "", true), new Cell(Outcome.MUST_PASS, "", true),
        new Cell(Outcome.MUST_PASS, "", true), new Cell(Outcome.MUST_BE_UNKNOWN, NO_LOCK_SERVICE, true), new Cell(Outcome.MUST_BE_UNKNOWN, NO_LOCK_SERVICE, false),
        new Cell(Outcome.MUST_PASS, "", true), mustFail(UNFENCED)));
    t.put(FaultMode.STALE_READ, row(pass(),
        new Cell(Outcome.MUST_FAIL, "a member cut off by a partition answers linearizable reads with values the majority"
            + " has overwritten; run by StaleReadFaultChaosTest (40 s at 200 ops/s), not here: a stale read must follow an"
            + " acknowledged write of its key, and 15 s on a loaded 2-core machine (8-20 ok ops/s seen) sometimes holds"
            + " none", false),
        may("its gets are the same stale reads, but fewer, spread over more operation kinds"),
        may("a stale snapshot is a whole txn at its acknowledged revision, but older than a write acknowledged before"
            + " the read began: the checker's went-back rule catches it when a read follows such an acknowledgement"),
        may("a member cut off by a partition lists the keys of its old state, without those attached since"),
        lock(), lock(), may("an API server's list from a member cut off by a partition can be older than what its"
            + " watch already showed: the pod watch, listing again after a reconnect, sees its resourceVersion go back"),
        unfenced()));
    t.put(FaultMode.LOST_WATCH_EVENT, row(
        mustFail("acknowledged writes (with their revisions) never reach any watcher"), pass(), pass(), pass(),
        pass(), lock(), lock(), new Cell(Outcome.MUST_PASS, "the controllers list rather than watch, and fencing is"
            + " judged from the controller links, not from the pod watch (which only checks that resourceVersions"
            + " never go back)", false), unfenced()));
    t.put(FaultMode.SPLIT_TXN, row(
        mustFail("the two-key put-pair txn's events arrive at two revisions, not the one the txn was acknowledged at"),
        new Cell(Outcome.MUST_PASS, "its cas txn writes one key", false),
        new Cell(Outcome.MUST_PASS, "its txns write one key", false),
        mustFail("range reads see the keys of one txn at different revisions"),
        new Cell(Outcome.MUST_PASS, "its attach grants, then puts one key", false), lock(), lock(),
        new Cell(Outcome.MUST_PASS, "each API server write is a txn of guards and one put", false), unfenced()));
    t.put(FaultMode.REVISION_SKIP, row(
        mustFail("revisions no watcher saw and no client was acknowledged at: a hole in the revision sequence"),
        pass(), pass(), new Cell(Outcome.MUST_PASS, "it compares revisions with acknowledged ones, not neighbours", false),
        pass(), lock(), lock(), new Cell(Outcome.MUST_PASS, "resourceVersions need only grow: holes are allowed",
            false), unfenced()));
    t.put(FaultMode.EARLY_LEASE_EXPIRY, row(pass(), pass(), pass(), pass(),
        mustFail("attached keys vanish after a quarter of their TTL, while reads that end inside it, by the clients' "
            + "clock, must still list them"), lock(), lock(),
        new Cell(Outcome.MUST_PASS, "the API server attaches no etcd lease to any key (a Kubernetes Lease is an"
            + " object)", false), unfenced()));
    Cell flat = new Cell(Outcome.MUST_PASS,
        "its txns are not nested, and the old check is linear on a flat txn (conformance's hostile group catches the mode)", false);
    t.put(FaultMode.NESTED_TXN_HANG, row(flat, flat, flat, flat, flat, lock(), lock(), flat, unfenced()));
    Cell noAuth = new Cell(Outcome.MUST_PASS,
        "chaos runs without etcd auth, so the auth fault hooks never act (conformance's auth group catches them)", false);
    for (FaultMode m : new FaultMode[] {FaultMode.AUTH_IGNORES_PERMISSIONS, FaultMode.AUTH_KEEPS_TOKENS,
        FaultMode.AUTH_ALLOWS_ANONYMOUS, FaultMode.AUTH_ACCEPTS_ANY_PASSWORD}) {
      t.put(m, row(noAuth, noAuth, noAuth, noAuth, noAuth, lock(), lock(), noAuth, unfenced()));
    }
    Cell noPutPrevKv = new Cell(Outcome.MUST_PASS, "no workload and no API server asks a put for prev_kv, so the"
        + " hook never acts (conformance's kv/put-prev-kv catches it)", false);
    t.put(FaultMode.PUT_PREV_KV_IS_NEW, row(noPutPrevKv, noPutPrevKv, noPutPrevKv, noPutPrevKv, noPutPrevKv, lock(),
        lock(), noPutPrevKv, unfenced()));
    return t;
  }

  private static final String UNFENCED = "a controller manager frozen while it leads is deposed, and the writes"
      + " it sent meanwhile land after the standby took over: with fencing off the API servers accept them";

  /** Fencing off is caught on every store; run live on the correct one only. */
  private static Cell unfenced() {
    return new Cell(Outcome.MUST_FAIL, UNFENCED + " (on every store; run on the correct one)", false);
  }

  private static Cell lock() {
    return new Cell(Outcome.MUST_BE_UNKNOWN, "no Lock service in the reference store (see the correct store's row)", false);
  }

  private static Map<String, Cell> row(Cell... cells) {
    Map<String, Cell> m = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i++) {
      m.put(WORKLOADS.get(i), cells[i]);
    }
    return m;
  }

  /** The table as Markdown: one row per store, one column per workload; live cells in bold. */
  static String markdown() {
    StringBuilder out = new StringBuilder("| store |");
    WORKLOADS.forEach(w -> out.append(" `").append(w).append("` |"));
    out.append("\n|---|").append("---|".repeat(WORKLOADS.size())).append('\n');
    List<String> notes = new ArrayList<>();
    table().forEach((mode, cells) -> {
      out.append("| ").append(mode == null ? "correct (control)" : "`--fault " + mode.flag() + "`").append(" |");
      for (String w : WORKLOADS) {
        Cell c = cells.get(w);
        String words = c.live() ? "**" + c.outcome().words + "**" : c.outcome().words;
        if (!c.why().isEmpty()) {
          if (!notes.contains(c.why())) {
            notes.add(c.why());
          }
          words += " [" + (notes.indexOf(c.why()) + 1) + "]";
        }
        out.append(' ').append(words).append(" |");
      }
      out.append('\n');
    });
    out.append('\n');
    for (int i = 0; i < notes.size(); i++) {
      out.append(i + 1).append(". ").append(notes.get(i)).append('\n');
    }
    return out.toString();
  }
}
