package io.plumbline.checker;

import io.plumbline.history.Operation;

/** Thrown by a model for an operation it cannot interpret (unknown f, malformed value). */
public final class UnsupportedOperationError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Operation operation;

  public UnsupportedOperationError(Operation operation, String expected) {
    super("model cannot interpret " + operation.describe() + ": expected " + expected);
    this.operation = operation;
  }

  public Operation operation() {
    return operation;
  }
}
