package io.plumbline.checker.model;

import io.plumbline.checker.Model;
import io.plumbline.checker.UnsupportedOperationError;
import io.plumbline.history.Operation;
import io.plumbline.history.Values;
import java.util.List;

/**
 * Porcupine's string key-value store: {@code get}, {@code put v}, {@code append v} on the
 * operation's {@code key}. Each key is independent, so the history is split per key.
 *
 * <p>Initial value of every key: {@code ""} unless {@code --init} says otherwise. A get whose result
 * is nil reads a key never written, i.e. the initial value.
 */
public final class KvModel implements Model<String> {
  private final String initial;

  public KvModel(Object initialValue) {
    this.initial = initialValue == null ? "" : initialValue.toString();
  }

  @Override
  public String name() {
    return "kv";
  }

  @Override
  public String initialState() {
    return initial;
  }

  @Override
  public String step(String state, Operation op) {
    switch (op.f()) {
      case "get" -> {
        Object seen = op.output() == null ? initial : op.output();
        return !op.isDefinite() || state.equals(seen) ? state : null;
      }
      case "put" -> {
        return string(op);
      }
      case "append" -> {
        return state + string(op);
      }
      default -> throw new UnsupportedOperationError(op, "get, put or append");
    }
  }

  private static String string(Operation op) {
    if (op.input() instanceof String s) {
      return s;
    }
    throw new UnsupportedOperationError(op, op.f() + " with a string value");
  }

  @Override
  public String explain(String state, Operation op) {
    return "can't get " + Values.show(op.output()) + " from key " + Values.show(op.key()) + " holding " + Values.show(state);
  }

  @Override
  public boolean mayChangeState(Operation op) {
    return !op.f().equals("get");
  }

  @Override
  public List<List<Operation>> partition(List<Operation> ops) {
    return KeyPartition.byKey(ops);
  }

  @Override
  public String describe(String state) {
    return Values.show(state);
  }
}
