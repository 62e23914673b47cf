package io.plumbline.conformance.lease;

/**
 * One linearizable read of a leased key.
 *
 * @param invokeNanos monotonic time the read was sent
 * @param completeNanos monotonic time its answer arrived
 * @param present whether the key existed
 */
public record Probe(long invokeNanos, long completeNanos, boolean present) {}
