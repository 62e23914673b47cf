package io.plumbline.checker.model;

import io.plumbline.checker.Model;
import io.plumbline.checker.UnsupportedOperationError;
import io.plumbline.history.Operation;
import io.plumbline.history.Values;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Knossos's multi-register: a map of registers changed by {@code txn} operations whose value is a
 * list of micro-operations {@code [:read k v]} / {@code [:write k v]} (Elle's {@code :r}/{@code :w}
 * also accepted), applied in order and atomically. A definite txn is checked with its completion's
 * value (reads filled in), an indeterminate one applies its invoked writes.
 *
 * <p>Initial values: {@code --init} may be a map (keys not in it start at nil) or a single value
 * for every key; the default is 0 for every key, matching Knossos's {@code {:x 0 :y 0}}. A read of
 * nil is "unknown" and legal in every state.
 */
public final class MultiRegisterModel implements Model<Map<Object, Object>> {
  private final Map<Object, Object> initial;
  private final Object defaultValue;

  public MultiRegisterModel(Object init) {
    if (init instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new HashMap<>();
      m.forEach((k, v) -> copy.put(k, Values.normalize(v)));
      this.initial = Collections.unmodifiableMap(copy);
      this.defaultValue = null;
    } else {
      this.initial = Map.of();
      this.defaultValue = init == null ? 0L : Values.normalize(init);
    }
  }

  @Override
  public String name() {
    return "multi-register";
  }

  @Override
  public Map<Object, Object> initialState() {
    return initial;
  }

  @Override
  public Map<Object, Object> step(Map<Object, Object> state, Operation op) {
    List<?> micro = microOps(op);
    Map<Object, Object> next = null;
    for (Object m : micro) {
      List<?> mop = (List<?>) m;
      Object k = mop.get(1);
      Object v = Values.normalize(mop.get(2));
      Map<Object, Object> cur = next == null ? state : next;
      if (isRead(op, mop.get(0))) {
        if (op.isDefinite() && v != null && !Objects.equals(v, valueOf(cur, k))) {
          return null;
        }
      } else {
        if (next == null) {
          next = new HashMap<>(state);
        }
        next.put(k, v);
      }
    }
    return next == null ? state : Collections.unmodifiableMap(next);
  }

  private Object valueOf(Map<Object, Object> state, Object key) {
    return state.containsKey(key) ? state.get(key) : defaultValue;
  }

  private static boolean isRead(Operation op, Object f) {
    String name = Values.name(f);
    if ("read".equals(name) || "r".equals(name)) {
      return true;
    }
    if ("write".equals(name) || "w".equals(name)) {
      return false;
    }
    throw new UnsupportedOperationError(op, "micro-operations [:read k v] or [:write k v]");
  }

  private static List<?> microOps(Operation op) {
    Object v = op.isDefinite() ? op.output() : op.input();
    if (!op.f().equals("txn") || !(v instanceof List<?> l)) {
      throw new UnsupportedOperationError(op, "txn with a list of [f k v] micro-operations");
    }
    for (Object m : l) {
      if (!(m instanceof List<?> mop) || mop.size() != 3) {
        throw new UnsupportedOperationError(op, "micro-operations of the form [f k v]");
      }
    }
    return l;
  }

  @Override
  public String explain(Map<Object, Object> state, Operation op) {
    return "can't apply " + Values.show(op.output()) + " to registers " + describe(state);
  }

  @Override
  public boolean mayChangeState(Operation op) {
    Object v = op.input();
    if (v instanceof List<?> l) {
      for (Object m : l) {
        if (m instanceof List<?> mop && !mop.isEmpty() && !isRead(op, mop.get(0))) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  @Override
  public String describe(Map<Object, Object> state) {
    Map<String, Object> sorted = new TreeMap<>();
    state.forEach((k, v) -> sorted.put(Values.show(k), v));
    return Values.show(sorted) + (defaultValue == null ? "" : " (others " + Values.show(defaultValue) + ")");
  }
}
