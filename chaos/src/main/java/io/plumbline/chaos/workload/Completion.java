package io.plumbline.chaos.workload;

import io.plumbline.history.OpType;

/**
 * How one client call ended, before it is written to the history.
 *
 * @param type OK, FAIL (certainly no effect) or INFO (maybe)
 * @param value the result for OK, else null
 * @param error short error text for FAIL/INFO, else null
 * @param servedBy which server answered, when the answer says so (an API server's served-by header),
 *     else null
 */
public record Completion(OpType type, Object value, String error, String servedBy) {
  public Completion(OpType type, Object value, String error) {
    this(type, value, error, null);
  }

  /** This completion, naming the server that answered. */
  public Completion servedBy(String server) {
    return new Completion(type, value, error, server);
  }

  public static Completion ok(Object value) {
    return new Completion(OpType.OK, value, null);
  }

  public static Completion fail(String error) {
    return new Completion(OpType.FAIL, null, error);
  }
}
