package io.plumbline.conformance;

import io.grpc.Status.Code;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one table that decides whether a client-visible error is definite (the request certainly did
 * not take effect: history type {@code fail}) or indefinite (it may have taken effect, now or
 * later: {@code info}). When in doubt, indefinite.
 *
 * <p>etcd answers requests it rejected before proposing them with argument, precondition and
 * range errors (compacted or future revision, lease not found, duplicate key in txn, too many
 * requests). Everything that can happen after a proposal, or whose cause is unknown (UNAVAILABLE
 * also carries "request timed out", DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, INTERNAL), and any
 * client-side timeout, is indefinite.
 */
public final class ErrorTable {
  private static final Map<Code, Boolean> DEFINITE = new EnumMap<>(Code.class);

  static {
    for (Code c : Code.values()) {
      DEFINITE.put(c, false);
    }
    DEFINITE.put(Code.INVALID_ARGUMENT, true); // malformed request, duplicate key in txn
    DEFINITE.put(Code.FAILED_PRECONDITION, true); // e.g. lease/key checks before proposal
    DEFINITE.put(Code.OUT_OF_RANGE, true); // compacted or future revision
    DEFINITE.put(Code.NOT_FOUND, true); // requested lease not found
    DEFINITE.put(Code.ALREADY_EXISTS, true);
    DEFINITE.put(Code.PERMISSION_DENIED, true);
    DEFINITE.put(Code.UNAUTHENTICATED, true);
    DEFINITE.put(Code.RESOURCE_EXHAUSTED, true); // "too many requests", rejected before proposal
    DEFINITE.put(Code.UNIMPLEMENTED, true);
  }

  private ErrorTable() {}

  /**
   * A classified client error.
   *
   * @param definite true when the request certainly did not take effect
   * @param code the gRPC status code name, or {@code TIMEOUT} for a client-side timeout, or the
   *     exception class for anything else
   * @param message the server's or client's message
   */
  public record ClientError(boolean definite, String code, String message) {
    /** {@code fail} or {@code info}, the history type this error gives an operation. */
    public String historyType() {
      return definite ? "fail" : "info";
    }

    @Override
    public String toString() {
      return code + (message == null || message.isBlank() ? "" : ": " + message)
          + (definite ? " (definite)" : " (indefinite)");
    }
  }

  /** Whether a gRPC status code is definite according to the table. */
  public static boolean isDefinite(Code code) {
    return DEFINITE.get(code);
  }

  /** Classifies any exception a client call ended with. */
  public static ClientError classify(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof TimeoutException) {
      return new ClientError(false, "TIMEOUT", "no answer within the per-call timeout");
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      io.grpc.Status s = c instanceof StatusRuntimeException sre ? sre.getStatus()
          : c instanceof StatusException se ? se.getStatus() : null;
      if (s != null) {
        return new ClientError(isDefinite(s.getCode()), s.getCode().name(), s.getDescription());
      }
    }
    return new ClientError(false, e.getClass().getSimpleName(), e.getMessage());
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
