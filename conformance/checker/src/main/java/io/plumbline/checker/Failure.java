package io.plumbline.checker;

import io.plumbline.history.Operation;
import java.util.List;

/**
 * Why a history is not linearizable, in Knossos's terms.
 *
 * @param partition the key of the failing sub-history, or null when not partitioned
 * @param operation the operation that could not be linearized: its completion was reached while
 *     it had no place in any order of what came before
 * @param prefix the longest linearizable prefix found, in linearization order
 * @param stateAfterPrefix the model state after that prefix
 * @param concurrent operations not in the prefix that were invoked before {@code operation}
 *     completed: the candidates for the next linearization point
 * @param attempts for each concurrent operation, what happens when it is linearized next
 */
public record Failure(
    String partition,
    Operation operation,
    List<Operation> prefix,
    String stateAfterPrefix,
    List<Operation> concurrent,
    List<String> attempts) {}
