package io.plumbline.chaos.workload;

import io.plumbline.checker.model.RegisterModel;
import io.plumbline.history.OpType;

/**
 * How one client call ended, before it is written to the history.
 *
 * @param type OK, FAIL (certainly no effect) or INFO (maybe)
 * @param value the result for OK, else null
 * @param error short error text for FAIL/INFO, else null
 * @param servedBy which server answered, when the answer says so (an API server's served-by header),
 *     else null
 * @param raftTerm the Raft term in the answer's etcd response header, when the client read one, else
 *     null (recorded as {@value #RAFT_TERM}: the lease checker bounds leader changes with it)
 * @param absent true for an OK read that found its key absent: recorded as {@code "absent": true}
 *     ({@link RegisterModel#ABSENT}) so that the saved history says the nil is "empty", not "unknown"
 */
public record Completion(OpType type, Object value, String error, String servedBy, Long raftTerm, boolean absent) {
  /** The history field holding {@link #raftTerm}, on the completion event. */
  public static final String RAFT_TERM = "raft_term";

  public Completion(OpType type, Object value, String error) {
    this(type, value, error, null, null, false);
  }

  public Completion(OpType type, Object value, String error, String servedBy) {
    this(type, value, error, servedBy, null, false);
  }

  /** This completion, naming the server that answered. */
  public Completion servedBy(String server) {
    return new Completion(type, value, error, server, raftTerm, absent);
  }

  /** This completion, with the Raft term of the answer's header. */
  public Completion term(long term) {
    return new Completion(type, value, error, servedBy, term, absent);
  }

  public static Completion ok(Object value) {
    return new Completion(OpType.OK, value, null);
  }

  /** An OK read of a key that does not exist. */
  public static Completion okAbsent() {
    return new Completion(OpType.OK, null, null, null, null, true);
  }

  public static Completion fail(String error) {
    return new Completion(OpType.FAIL, null, error);
  }
}
