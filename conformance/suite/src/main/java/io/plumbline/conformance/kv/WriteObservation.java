package io.plumbline.conformance.kv;

/**
 * One write the suite made and what the server answered.
 *
 * @param description e.g. {@code put ~/kv/rev/a=1}
 * @param headerRevision the response header's revision
 * @param changesStore whether the write must create a new revision (a delete of an absent key does not)
 */
public record WriteObservation(String description, long headerRevision, boolean changesStore) {}
