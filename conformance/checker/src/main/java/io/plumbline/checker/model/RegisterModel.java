package io.plumbline.checker.model;

import io.plumbline.checker.Model;
import io.plumbline.checker.UnsupportedOperationError;
import io.plumbline.history.Operation;
import io.plumbline.history.Values;
import java.util.List;
import java.util.Objects;

/**
 * A single register, Knossos's {@code register} / {@code cas-register}.
 *
 * <ul>
 *   <li>{@code read}: result in the completion's value; <b>a read of nil is "unknown"</b> and legal
 *       in every state (Knossos's convention), unless its completion carries {@code "absent": true}
 *       ({@link #ABSENT}): then it found the register empty and is legal only while it is nil;
 *   <li>{@code write v}: sets the value;
 *   <li>{@code cas [from to]} (cas-register only): legal iff the value equals {@code from}, then
 *       sets {@code to}.
 * </ul>
 *
 * Initial value: given at construction ({@code --init}); nil when not given, except that an EDN
 * history defaults to 0 as Knossos's own tests do.
 *
 * <p>Operations that carry a {@code key} are split per key, each key an independent register
 * (Jepsen's {@code independent}); without keys the whole history is one register.
 *
 * <p>A recorder whose nil read means "the register holds nothing" (a get of an absent key) marks
 * that completion {@code "absent": true}, so the saved history says so and {@code check-history}
 * judges it as the recorder did: with Knossos's rule, a store that lost every acknowledged write
 * would pass on such reads. A model built with {@code nilReadIsUnknown = false} treats every nil
 * read that way.
 */
public final class RegisterModel implements Model<RegisterModel.Reg> {
  /** The completion field that marks a read of nil as "found the register empty", not "unknown". */
  public static final String ABSENT = "absent";

  /** The register's state; {@code value} may be null (unset). */
  public record Reg(Object value) {
    @Override
    public String toString() {
      return Values.show(value);
    }
  }

  private final boolean cas;
  private final Reg initial;
  private final boolean nilReadIsUnknown;

  /** Knossos's register: a read of nil is unknown. */
  public RegisterModel(boolean withCas, Object initialValue) {
    this(withCas, initialValue, true);
  }

  /** @param nilReadIsUnknown true: a read of nil is legal in every state (Knossos); false: it reads the value nil */
  public RegisterModel(boolean withCas, Object initialValue, boolean nilReadIsUnknown) {
    this.cas = withCas;
    this.initial = new Reg(Values.normalize(initialValue));
    this.nilReadIsUnknown = nilReadIsUnknown;
  }

  @Override
  public String name() {
    return cas ? "cas-register" : "register";
  }

  @Override
  public Reg initialState() {
    return initial;
  }

  @Override
  public Reg step(Reg state, Operation op) {
    switch (op.f()) {
      case "read" -> {
        Object seen = Values.normalize(op.output());
        return (seen == null && !foundEmpty(op)) || Objects.equals(seen, state.value()) ? state : null;
      }
      case "write" -> {
        return new Reg(Values.normalize(op.input()));
      }
      case "cas" -> {
        List<?> fromTo = casArgs(op);
        return Objects.equals(Values.normalize(fromTo.get(0)), state.value()) ? new Reg(Values.normalize(fromTo.get(1))) : null;
      }
      default -> throw new UnsupportedOperationError(op, cas ? "read, write or cas" : "read or write");
    }
  }

  /** A definite read of nil that says it found the register empty (rather than "unknown"). */
  private boolean foundEmpty(Operation op) {
    return op.isDefinite() && (!nilReadIsUnknown || Boolean.TRUE.equals(op.completion().extra().get(ABSENT)));
  }

  private List<?> casArgs(Operation op) {
    if (cas && op.input() instanceof List<?> l && l.size() == 2) {
      return l;
    }
    throw new UnsupportedOperationError(op, cas ? "cas with value [from to]" : "read or write (use --model cas-register)");
  }

  @Override
  public String explain(Reg state, Operation op) {
    return switch (op.f()) {
      case "read" -> "can't read " + Values.show(op.output()) + " from register " + state;
      case "cas" -> "can't cas " + Values.show(op.input()) + " on register " + state;
      default -> "not applicable to register " + state;
    };
  }

  @Override
  public boolean mayChangeState(Operation op) {
    return !op.f().equals("read");
  }

  @Override
  public List<List<Operation>> partition(List<Operation> ops) {
    return KeyPartition.byKey(ops);
  }
}
