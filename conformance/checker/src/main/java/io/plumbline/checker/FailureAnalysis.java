package io.plumbline.checker;

import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a failed search into a {@link Failure}: the stuck operation, its rivals and why each fails. */
final class FailureAnalysis {
  private FailureAnalysis() {}

  static <S> Failure explain(Model<S> model, PartitionOutcome outcome, String partition) {
    @SuppressWarnings("unchecked")
    S state = (S) outcome.stateAfterPrefix();
    Operation stuck = outcome.stuck();
    Set<Operation> done = new HashSet<>(outcome.prefix());
    List<Operation> concurrent = new ArrayList<>();
    for (Operation op : outcome.ops()) {
      if (!done.contains(op) && op.callIndex() < stuck.returnIndex()) {
        concurrent.add(op);
      }
    }
    List<String> attempts = new ArrayList<>();
    for (Operation op : concurrent) {
      attempts.add(attempt(model, state, op, stuck));
    }
    return new Failure(partition, stuck, outcome.prefix(), model.describe(state), concurrent, attempts);
  }

  /** What happens if {@code op} is linearized right after the prefix (and then, the stuck op). */
  private static <S> String attempt(Model<S> model, S state, Operation op, Operation stuck) {
    S after = model.step(state, op);
    if (after == null) {
      return op.describe() + ": " + model.explain(state, op);
    }
    String head = op.describe() + ": takes effect, state becomes " + model.describe(after);
    if (op == stuck) {
      return head + ", but every continuation from that state fails (explored by the search)";
    }
    S then = model.step(after, stuck);
    return then == null
        ? head + "; then " + stuck.describe() + ": " + model.explain(after, stuck)
        : head + "; " + stuck.describe() + " could follow, but every continuation from there fails";
  }
}
