package io.plumbline.conformance.serializable;

/**
 * One read of the counter key.
 *
 * @param serializable true for a serializable read, false for a linearizable one
 * @param endpoint the member that answered
 * @param invokeNanos when it was sent
 * @param completeNanos when the answer arrived
 * @param value the number read, 0 when the key was absent
 * @param modRevision the key's mod revision, 0 when absent
 */
public record CounterRead(boolean serializable, String endpoint, long invokeNanos, long completeNanos, long value,
    long modRevision) {
  public String describe() {
    return (serializable ? "serializable" : "linearizable") + " get at " + endpoint + " -> " + value
        + (modRevision == 0 ? "" : " @" + modRevision);
  }
}
