package io.plumbline.conformance.serializable;

/**
 * One put of the counter key.
 *
 * @param value the number written (1, 2, 3, …)
 * @param invokeNanos when it was sent
 * @param completeNanos when it was acknowledged, or {@link Long#MAX_VALUE} when the outcome is unknown
 * @param revision the acknowledged revision, or 0 when unknown
 */
public record CounterWrite(long value, long invokeNanos, long completeNanos, long revision) {}
