package io.plumbline.checker.model;

import io.plumbline.checker.Model;
import io.plumbline.checker.UnsupportedOperationError;
import io.plumbline.history.Operation;

/**
 * Knossos's mutex: {@code acquire} is legal iff the lock is free, {@code release} iff it is held.
 * Starts unlocked. Owners are not tracked (as in Knossos). Values are ignored.
 */
public final class MutexModel implements Model<Boolean> {
  @Override
  public String name() {
    return "mutex";
  }

  @Override
  public Boolean initialState() {
    return Boolean.FALSE;
  }

  @Override
  public Boolean step(Boolean held, Operation op) {
    return switch (op.f()) {
      case "acquire" -> held ? null : Boolean.TRUE;
      case "release" -> held ? Boolean.FALSE : null;
      default -> throw new UnsupportedOperationError(op, "acquire or release");
    };
  }

  @Override
  public String explain(Boolean held, Operation op) {
    return op.f().equals("acquire") ? "can't acquire a held mutex" : "can't release a free mutex";
  }

  @Override
  public String describe(Boolean held) {
    return held ? "held" : "free";
  }
}
