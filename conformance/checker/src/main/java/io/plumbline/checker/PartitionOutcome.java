package io.plumbline.checker;

import io.plumbline.history.Operation;
import java.util.List;

/**
 * What the search found for one partition.
 *
 * @param validity TRUE, FALSE, or UNKNOWN (stopped: budget or another partition failed)
 * @param ops the partition's operations (search order)
 * @param prefix for FALSE, the longest linearization found (operations in linearization order)
 * @param stuck for FALSE, the operation whose completion could not be reached after that prefix
 * @param stateAfterPrefix for FALSE, the model state after the prefix
 * @param memoEntries distinct (linearized set, state) pairs visited
 */
record PartitionOutcome(
    Validity validity,
    List<Operation> ops,
    List<Operation> prefix,
    Operation stuck,
    Object stateAfterPrefix,
    long memoEntries) {}
