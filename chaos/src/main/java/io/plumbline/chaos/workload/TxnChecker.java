package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Atomicity of multi-key txns ({@link TxnWorkload}), judged from the clients' history alone: each
 * ok read is a snapshot that holds one write whole (every key once, one value, one mod revision),
 * the value was written by some client (ok or indeterminate), and when that write was acknowledged
 * the snapshot shows it at the acknowledged revision. One revision is one txn: no two snapshots (or
 * a snapshot and an acknowledged write) show two values at one revision. Snapshots never go back
 * (the reads are linearizable): a read that began after a write was acknowledged, or after another
 * read ended, shows at least that revision; an empty snapshot is revision 0, allowed only before
 * any of those. Unknown when too few writes and reads were acknowledged to judge.
 */
final class TxnChecker {
  static final int MIN_ACKNOWLEDGED = 20;
  private static final int SHOWN = 20;

  private TxnChecker() {}

  static Workload.Verdict check(History history, int keys) {
    Map<String, Long> acknowledgedAt = new HashMap<>();
    Set<String> written = new HashSet<>();
    List<List<?>> snapshots = new ArrayList<>();
    List<String> reads = new ArrayList<>();
    List<Operation> readOps = new ArrayList<>();
    for (Operation op : history.operations()) {
      if (op.f().equals("write") && op.outcome() != Operation.Outcome.FAIL) {
        written.add(String.valueOf(op.input()));
        if (op.outcome() == Operation.Outcome.OK) {
          acknowledgedAt.put(String.valueOf(op.input()), ((Number) ((List<?>) op.output()).get(1)).longValue());
        }
      } else if (op.f().equals("read") && op.outcome() == Operation.Outcome.OK) {
        snapshots.add((List<?>) op.output());
        reads.add(op.describe());
        readOps.add(op);
      }
    }
    List<String> problems = new ArrayList<>();
    Operation blamed = null;
    Map<Long, String> valueAt = new HashMap<>();
    acknowledgedAt.forEach((value, rev) -> valueAt.put(rev, value));
    Map<Operation, Long> revisionOf = new HashMap<>(); // whole snapshots only
    for (int i = 0; i < snapshots.size(); i++) {
      String p = problem(snapshots.get(i), keys, written, acknowledgedAt);
      if (p == null && !snapshots.get(i).isEmpty()) {
        List<?> kv = (List<?>) snapshots.get(i).get(0);
        long rev = ((Number) kv.get(2)).longValue();
        String other = valueAt.putIfAbsent(rev, String.valueOf(kv.get(1)));
        p = other == null || other.equals(String.valueOf(kv.get(1))) ? null : "saw value " + kv.get(1) + " at rev "
            + rev + ", where another read or an acknowledged write has value " + other + ": two txns at one revision";
      }
      if (p == null) {
        revisionOf.put(readOps.get(i), snapshots.get(i).isEmpty() ? 0L
            : ((Number) ((List<?>) snapshots.get(i).get(0)).get(2)).longValue());
      } else {
        blamed = blamed == null ? readOps.get(i) : blamed;
        problems.add(reads.get(i) + ": " + p);
      }
    }
    String what = blamed == null ? "went back" : "saw a txn in part";
    Operation stale = wentBack(history.operations(), revisionOf, problems);
    blamed = blamed == null ? stale : blamed;
    String counts = acknowledgedAt.size() + " acknowledged writes of " + keys + " keys, " + (written.size()
        - acknowledgedAt.size()) + " indeterminate, " + snapshots.size() + " ok reads";
    if (!problems.isEmpty()) {
      return new Workload.Verdict("txn atomicity", Validity.FALSE, "invalid: " + problems.size()
          + " read(s) saw a txn in part, or went back; " + counts,
          String.join("\n", problems.subList(0, Math.min(SHOWN, problems.size()))) + "\n")
          .naming(BadOp.of(history.operations(), blamed, problems.get(0)), what);
    }
    if (acknowledgedAt.size() < MIN_ACKNOWLEDGED || snapshots.size() < MIN_ACKNOWLEDGED) {
      return new Workload.Verdict("txn atomicity", Validity.UNKNOWN, "unknown: too little evidence (at least "
          + MIN_ACKNOWLEDGED + " acknowledged writes and reads needed); " + counts, "");
    }
    return new Workload.Verdict("txn atomicity", Validity.TRUE, "valid: every read saw whole txns; " + counts, "");
  }

  /** What is wrong with one snapshot ({@code [[key value mod-revision] …]}), or null. */
  static String problem(List<?> snapshot, int keys, Set<String> written, Map<String, Long> acknowledgedAt) {
    if (snapshot.isEmpty()) {
      return null;
    }
    Set<String> values = new HashSet<>();
    Set<Long> revisions = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Object o : snapshot) {
      List<?> kv = (List<?>) o;
      names.add(String.valueOf(kv.get(0)));
      values.add(String.valueOf(kv.get(1)));
      revisions.add(((Number) kv.get(2)).longValue());
    }
    if (snapshot.size() != keys || names.size() != keys || values.size() != 1 || revisions.size() != 1) {
      return "saw " + snapshot + ": one txn wrote all " + keys + " keys at one revision";
    }
    String value = values.iterator().next();
    long revision = revisions.iterator().next();
    if (!written.contains(value)) {
      return "saw value " + value + ", which no client wrote";
    }
    Long acked = acknowledgedAt.get(value);
    if (acked != null && acked != revision) {
      return "saw value " + value + " at rev " + revision + ", but its write was acknowledged at rev " + acked;
    }
    return null;
  }

  /**
   * Adds a problem for each whole snapshot (in {@code revisionOf}, with its revision) older than an
   * ok write acknowledged, or a whole snapshot read, before its read began; returns the first such
   * read, or null. Writes and reads that overlap it may fall on either side.
   */
  private static Operation wentBack(List<Operation> ops, Map<Operation, Long> revisionOf, List<String> problems) {
    Map<Operation, Long> floors = new HashMap<>(revisionOf);
    for (Operation op : ops) {
      if (op.f().equals("write") && op.outcome() == Operation.Outcome.OK) {
        floors.put(op, ((Number) ((List<?>) op.output()).get(1)).longValue());
      }
    }
    List<NeverGoesBack.Case> cases = NeverGoesBack.cases(floors, revisionOf);
    for (NeverGoesBack.Case c : cases) {
      problems.add(c.op().describe() + ": went back: rev " + revisionOf.get(c.op()) + " after "
          + c.before().describe() + " ended at rev " + floors.get(c.before()) + " before it began");
    }
    return cases.isEmpty() ? null : cases.get(0).op();
  }
}
