package io.plumbline.chaos.workload;

import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The real-time rule shared by the lock and txn checkers: what an operation observed never goes
 * below what an operation that ended before it began established. One sweep in call order over
 * the operations that ended so far, so a history of n operations costs n log n.
 */
final class NeverGoesBack {
  private NeverGoesBack() {}

  /** An operation that observed less than {@code before}, which ended before it began. */
  record Case(Operation op, Operation before) {}

  /**
   * Every operation of {@code observed} (with what it observed) that observed less than the highest
   * floor among the operations of {@code floors} that ended before it began, in call order; the
   * earliest-ended of equal floors is named.
   */
  static List<Case> cases(Map<Operation, Long> floors, Map<Operation, Long> observed) {
    List<Operation> byEnd = new ArrayList<>(floors.keySet());
    byEnd.sort(Comparator.comparingInt(Operation::returnIndex));
    List<Operation> byStart = new ArrayList<>(observed.keySet());
    byStart.sort(Comparator.comparingInt(Operation::callIndex));
    List<Case> cases = new ArrayList<>();
    Operation highest = null;
    int ended = 0;
    for (Operation op : byStart) {
      while (ended < byEnd.size() && byEnd.get(ended).returnIndex() < op.callIndex()) {
        Operation done = byEnd.get(ended++);
        highest = highest == null || floors.get(done) > floors.get(highest) ? done : highest;
      }
      if (highest != null && observed.get(op) < floors.get(highest)) {
        cases.add(new Case(op, highest));
      }
    }
    return cases;
  }
}
