package io.plumbline.conformance;

/**
 * One check's result in a run.
 *
 * @param group the group name (kv, txn, watch, lease, linearizability, serializable)
 * @param check the check's name within its group
 * @param description the guarantee the check tests, in one sentence
 * @param verdict what it concluded
 * @param elapsedMillis wall time the check took
 */
public record CheckOutcome(String group, String check, String description, Verdict verdict, long elapsedMillis) {
  /** {@code group/check}. */
  public String id() {
    return group + "/" + check;
  }
}
