package io.plumbline.checker;

import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * The definition of linearizability, checked by enumerating every order of the operations (only
 * for tiny histories): an oracle for the real checker.
 */
final class BruteForce {
  private BruteForce() {}

  static <S> boolean linearizable(History h, Model<S> model) {
    List<Operation> ops = new ArrayList<>();
    for (Operation op : h.operations()) {
      if (op.outcome() != Operation.Outcome.FAIL) {
        ops.add(op);
      }
    }
    return search(model, ops, new boolean[ops.size()], model.initialState());
  }

  /** Some unplaced op can go next (real-time allows it, the model accepts it) and the rest follows. */
  private static <S> boolean search(Model<S> model, List<Operation> ops, boolean[] placed, S state) {
    boolean allDefinitePlaced = true;
    for (int i = 0; i < ops.size(); i++) {
      allDefinitePlaced &= placed[i] || !ops.get(i).isDefinite();
    }
    if (allDefinitePlaced) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (placed[i] || !mayGoNext(ops, placed, i)) {
        continue;
      }
      S after = model.step(state, ops.get(i));
      if (after != null) {
        placed[i] = true;
        boolean ok = search(model, ops, placed, after);
        placed[i] = false;
        if (ok) {
          return true;
        }
      }
    }
    return false;
  }

  /** No unplaced operation completed before op i was invoked. */
  private static boolean mayGoNext(List<Operation> ops, boolean[] placed, int i) {
    for (int j = 0; j < ops.size(); j++) {
      if (!placed[j] && j != i && ops.get(j).returnIndex() < ops.get(i).callIndex()) {
        return false;
      }
    }
    return true;
  }
}
