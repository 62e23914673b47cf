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
 * ok read is a snapshot that holds one write whole (every key, one value, one mod revision), the
 * value was written by some client (ok or indeterminate), and when that write was acknowledged the
 * snapshot shows it at the acknowledged revision. An empty snapshot is allowed (nothing written
 * yet). Unknown when too few writes and reads were acknowledged to judge.
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
    for (int i = 0; i < snapshots.size(); i++) {
      String p = problem(snapshots.get(i), keys, written, acknowledgedAt);
      if (p != null) {
        blamed = blamed == null ? readOps.get(i) : blamed;
        problems.add(reads.get(i) + ": " + p);
      }
    }
    String counts = acknowledgedAt.size() + " acknowledged writes of " + keys + " keys, " + (written.size()
        - acknowledgedAt.size()) + " indeterminate, " + snapshots.size() + " ok reads";
    if (!problems.isEmpty()) {
      return new Workload.Verdict("txn atomicity", Validity.FALSE, "invalid: " + problems.size()
          + " read(s) saw a txn in part; " + counts,
          String.join("\n", problems.subList(0, Math.min(SHOWN, problems.size()))) + "\n")
          .naming(BadOp.of(history.operations(), blamed, problems.get(0)), "saw a txn in part");
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
    for (Object o : snapshot) {
      List<?> kv = (List<?>) o;
      values.add(String.valueOf(kv.get(1)));
      revisions.add(((Number) kv.get(2)).longValue());
    }
    if (snapshot.size() != keys || values.size() != 1 || revisions.size() != 1) {
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
}
