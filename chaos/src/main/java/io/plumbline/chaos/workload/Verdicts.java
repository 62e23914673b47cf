package io.plumbline.chaos.workload;

import io.plumbline.checker.CheckResult;
import io.plumbline.checker.Failure;
import io.plumbline.checker.Model;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Operation;

/** Turns the linearizability checker's result into a {@link Workload.Verdict} with a readable window. */
final class Verdicts {
  private Verdicts() {}

  /** A linearizability check is evidence only when the store acknowledged writes: fewer than this is unknown. */
  static final int MIN_ACKNOWLEDGED_WRITES = 20;

  /**
   * The verdict of a linearizability check of {@code history} under {@code model}; a valid one with
   * fewer than {@link #MIN_ACKNOWLEDGED_WRITES} acknowledged writes (ok operations the model says
   * may change the state) is unknown: reads alone, of a store that refused every write, prove nothing.
   */
  static Workload.Verdict of(String checker, CheckResult r, History history, Model<?> model) {
    Workload.Verdict v = of(checker, r);
    if (r.validity() != Validity.TRUE) {
      return v;
    }
    long acknowledged = history.operations().stream()
        .filter(op -> op.outcome() == Operation.Outcome.OK && model.mayChangeState(op)).count();
    if (acknowledged >= MIN_ACKNOWLEDGED_WRITES) {
      return v;
    }
    return new Workload.Verdict(checker, Validity.UNKNOWN, "unknown: too little evidence (at least "
        + MIN_ACKNOWLEDGED_WRITES + " acknowledged writes needed, " + acknowledged + " seen); " + v.summary(), "");
  }

  static Workload.Verdict of(String checker, CheckResult r) {
    String summary = r.validity().word() + ": " + r.operations() + " operations in " + r.partitions()
        + " keys, " + r.elapsedNanos() / 1_000_000 + " ms" + (r.reason() == null ? "" : "; " + r.reason());
    return new Workload.Verdict(checker, r.validity(), summary, r.failure() == null ? "" : window(r.failure()),
        r.failure());
  }

  /** The failing window: last linearized operations, the state, the culprit and what each order gives. */
  static String window(Failure f) {
    StringBuilder sb = new StringBuilder();
    sb.append("key: ").append(f.partition()).append('\n');
    sb.append("cannot linearize: ").append(f.operation().describe()).append(times(f.operation())).append('\n');
    sb.append("state after the longest linearizable prefix (").append(f.prefix().size()).append(" ops): ")
        .append(f.stateAfterPrefix()).append('\n');
    int from = Math.max(0, f.prefix().size() - 5);
    sb.append("last linearized:\n");
    for (Operation op : f.prefix().subList(from, f.prefix().size())) {
      sb.append("  ").append(op.describe()).append(times(op)).append('\n');
    }
    sb.append("concurrent candidates:\n");
    for (int i = 0; i < f.concurrent().size(); i++) {
      sb.append("  ").append(f.concurrent().get(i).describe()).append(times(f.concurrent().get(i)));
      if (i < f.attempts().size()) {
        sb.append(" : ").append(f.attempts().get(i));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String times(Operation op) {
    Long t0 = op.invoke().timeNanos();
    Long t1 = op.completion() == null ? null : op.completion().timeNanos();
    return t0 == null ? "" : String.format(" [%.3f s .. %s]", t0 / 1e9, t1 == null ? "?" : String.format("%.3f s", t1 / 1e9));
  }
}
