package io.plumbline.chaos.client;

import io.plumbline.history.OpType;

/**
 * How an operation that raised an error is recorded: {@link OpType#FAIL} when it certainly did not
 * take effect, {@link OpType#INFO} when it may have.
 *
 * @param type FAIL or INFO
 * @param error a short error name for the history's {@code error} field (e.g. {@code unavailable})
 * @param rule the row of the classification table that decided it, for reports
 */
public record Outcome(OpType type, String error, String rule) {
  public boolean definite() {
    return type == OpType.FAIL;
  }
}
