package io.plumbline.checker;

import io.plumbline.history.Operation;
import java.util.List;

/**
 * A sequential specification as a pure step function. States must be immutable values with
 * {@code equals}/{@code hashCode} (the checker memoises (linearized set, state) pairs).
 *
 * <p>{@link #step} sees {@link Operation#isDefinite() definite} operations with their observed
 * output and indeterminate ones with an unknown output; for an indeterminate operation it returns
 * the state after the operation took effect (the checker separately allows it never to).
 *
 * @param <S> the state type
 */
public interface Model<S> {
  /** The name used by {@code --model}. */
  String name();

  S initialState();

  /** The state after {@code op}, or null when {@code op} cannot take effect in {@code state}. */
  S step(S state, Operation op);

  /** Why {@link #step} returned null, in one sentence (only called for reports). */
  String explain(S state, Operation op);

  /**
   * False when {@code op} never changes the state (a read). Indeterminate operations that cannot
   * change the state constrain nothing and are dropped before the search.
   */
  default boolean mayChangeState(Operation op) {
    return true;
  }

  /**
   * Splits the operations into independent sub-histories (P-compositionality), each to be checked
   * on its own from {@link #initialState()}. The default keeps them together.
   */
  default List<List<Operation>> partition(List<Operation> ops) {
    return List.of(ops);
  }

  /** Compact rendering of a state for reports. */
  default String describe(S state) {
    return String.valueOf(state);
  }
}
