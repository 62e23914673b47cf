package io.plumbline.chaos.workload;

import io.plumbline.checker.Failure;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Names the operation a checker blames (a read that missed a key, a write whose event never
 * arrived, a second lock holder) as a {@link Failure} the report can draw: the operation, the
 * operations concurrent with it (its window), and the reason in place of a linearization state.
 */
public final class BadOp {
  /** Concurrent operations shown beside the named one, at most. */
  private static final int WINDOW = 12;

  private BadOp() {}

  /** The first client operation of {@code history} matching {@code which}, as a failure; null when none does. */
  public static Failure first(History history, Predicate<Operation> which, String reason) {
    List<Operation> ops = history.operations();
    for (Operation op : ops) {
      if (which.test(op)) {
        return of(ops, op, reason);
      }
    }
    return null;
  }

  /**
   * {@code op} with the operations whose [invocation, completion] overlaps its own, the
   * {@link #WINDOW} invoked nearest to it (an indeterminate operation overlaps everything after it,
   * so the earliest ones would stretch the window over the whole run).
   */
  public static Failure around(List<Operation> ops, Operation op, String reason) {
    return of(ops, op, reason);
  }

  static Failure of(List<Operation> ops, Operation op, String reason) {
    int end = op.returnIndex();
    List<Operation> overlapping = new ArrayList<>();
    for (Operation o : ops) {
      if (o != op && o.callIndex() <= end && o.returnIndex() >= op.callIndex()) {
        overlapping.add(o);
      }
    }
    overlapping.sort(java.util.Comparator.comparingInt(o -> Math.abs(o.callIndex() - op.callIndex())));
    List<Operation> concurrent = new ArrayList<>(overlapping.subList(0, Math.min(WINDOW, overlapping.size())));
    concurrent.sort(java.util.Comparator.comparingInt(Operation::callIndex));
    return new Failure(op.key() == null ? null : String.valueOf(op.key()), op, List.of(), reason, concurrent,
        List.of());
  }
}
