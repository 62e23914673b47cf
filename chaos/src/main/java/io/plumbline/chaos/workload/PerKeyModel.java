package io.plumbline.chaos.workload;

import io.plumbline.checker.model.KeyPartition;

import io.plumbline.checker.Model;
import io.plumbline.history.Operation;
import java.util.List;

/**
 * Wraps a single-register model so that every key is an independent register (Jepsen's {@code
 * independent} checker): the history is split per key and each part checked from the initial state.
 */
public final class PerKeyModel<S> implements Model<S> {
  private final Model<S> inner;

  public PerKeyModel(Model<S> inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name() + " per key";
  }

  @Override
  public S initialState() {
    return inner.initialState();
  }

  @Override
  public S step(S state, Operation op) {
    return inner.step(state, op);
  }

  @Override
  public String explain(S state, Operation op) {
    return inner.explain(state, op);
  }

  @Override
  public boolean mayChangeState(Operation op) {
    return inner.mayChangeState(op);
  }

  @Override
  public List<List<Operation>> partition(List<Operation> ops) {
    return KeyPartition.byKey(ops);
  }

  @Override
  public String describe(S state) {
    return inner.describe(state);
  }
}
