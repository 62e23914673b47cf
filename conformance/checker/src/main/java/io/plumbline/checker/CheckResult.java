package io.plumbline.checker;

import io.plumbline.history.History;

/**
 * The verdict on one history.
 *
 * @param validity TRUE, FALSE or UNKNOWN
 * @param reason one line: why UNKNOWN (timeout, memory), or a summary for FALSE; null for TRUE
 * @param model the model's name
 * @param history the history checked
 * @param operations client operations handed to the search (failed ones excluded)
 * @param partitions independent sub-histories checked
 * @param memoEntries distinct (linearized set, state) pairs visited, summed over partitions
 * @param elapsedNanos wall time of the check (after reading)
 * @param failure details for FALSE, else null
 */
public record CheckResult(
    Validity validity,
    String reason,
    String model,
    History history,
    int operations,
    int partitions,
    long memoEntries,
    long elapsedNanos,
    Failure failure) {

  public boolean isValid() {
    return validity == Validity.TRUE;
  }
}
