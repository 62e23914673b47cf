package io.plumbline.conformance;

import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The one table that decides whether a client-visible error is definite (the request certainly did
 * not take effect: history type {@code fail}) or indefinite (it may have taken effect, now or later:
 * {@code info}), as Maelstrom's definite/indefinite errors. Conformance, chaos and the control-plane
 * workload all classify through it. When in doubt, indefinite.
 *
 * <p>Rows are tried top to bottom, the first match wins: etcd's messages first (they refine a gRPC
 * status: {@code UNAVAILABLE} carries both "request timed out", proposed and maybe committed later,
 * and a refused connection), then gRPC statuses, then Java exceptions. etcd answers requests it
 * rejected before proposing them with argument, precondition and range errors (compacted revision,
 * lease not found, duplicate key in txn, too many requests, too large): definite. Whatever can happen
 * after a proposal, or has an unknown cause, is indefinite.
 *
 * <p>A refused connection means nothing was sent on that attempt. It is definite only for a client
 * that makes one attempt per operation (jetcd with {@code retryMaxAttempts(0)}, as chaos builds
 * them): with retries an earlier attempt may have reached the server, so {@link #classify(Throwable)}
 * (retrying clients) calls it indefinite.
 */
public final class ErrorTable {
  private ErrorTable() {}

  /** How a row judges an error. */
  public enum Kind {
    DEFINITE, INDEFINITE, DEFINITE_IF_SINGLE_ATTEMPT
  }

  /**
   * One row.
   *
   * @param status the gRPC status code name or the Java exception's simple name it matches, or null (any)
   * @param messageContains a fragment of the error messages (the whole cause chain), or null (any)
   * @param kind the verdict
   * @param why the reason, shown in reports
   */
  public record Row(String status, String messageContains, Kind kind, String why) {}

  public static final List<Row> ROWS = List.of(
      // etcd: rejected before proposal.
      new Row(null, "etcdserver: too many requests", Kind.DEFINITE, "rejected before proposal"),
      new Row(null, "etcdserver: request is too large", Kind.DEFINITE, "rejected before proposal"),
      new Row(null, "required revision has been compacted", Kind.DEFINITE, "read of a compacted revision"),
      new Row(null, "requested lease not found", Kind.DEFINITE, "lease check before proposal"),
      new Row(null, "duplicate key given in txn request", Kind.DEFINITE, "txn refused as invalid"),
      // etcd: proposed (or maybe forwarded), outcome unknown.
      new Row(null, "etcdserver: request timed out", Kind.INDEFINITE, "proposal may commit later"),
      new Row(null, "etcdserver: leader changed", Kind.INDEFINITE, "proposal may have committed"),
      new Row(null, "etcdserver: no leader", Kind.INDEFINITE, "may have been forwarded before the leader was lost"),
      // the connection was never established: nothing was sent on this attempt
      new Row(null, "Connection refused", Kind.DEFINITE_IF_SINGLE_ATTEMPT, "connection refused: nothing was sent"),
      // gRPC statuses that mean the server refused the request as such.
      new Row("INVALID_ARGUMENT", null, Kind.DEFINITE, "request refused as invalid"),
      new Row("NOT_FOUND", null, Kind.DEFINITE, "nothing to act on"),
      new Row("ALREADY_EXISTS", null, Kind.DEFINITE, "refused"),
      new Row("PERMISSION_DENIED", null, Kind.DEFINITE, "refused by authorization"),
      new Row("UNAUTHENTICATED", null, Kind.DEFINITE, "refused by authentication"),
      new Row("FAILED_PRECONDITION", null, Kind.DEFINITE, "refused"),
      new Row("OUT_OF_RANGE", null, Kind.DEFINITE, "compacted or future revision"),
      new Row("UNIMPLEMENTED", null, Kind.DEFINITE, "the server has no such method"),
      new Row("RESOURCE_EXHAUSTED", null, Kind.DEFINITE, "throttled before execution"),
      // The request may have reached the server: indefinite.
      new Row("UNAVAILABLE", null, Kind.INDEFINITE, "connection lost, the request may have been sent"),
      new Row("DEADLINE_EXCEEDED", null, Kind.INDEFINITE, "deadline passed, the request may still apply"),
      new Row("CANCELLED", null, Kind.INDEFINITE, "cancelled in flight"),
      new Row("ABORTED", null, Kind.INDEFINITE, "aborted in flight"),
      new Row("INTERNAL", null, Kind.INDEFINITE, "server error, effect unknown"),
      new Row("DATA_LOSS", null, Kind.INDEFINITE, "server error, effect unknown"),
      new Row("UNKNOWN", null, Kind.INDEFINITE, "unknown error"),
      // Java-side errors.
      new Row("ConnectException", null, Kind.DEFINITE_IF_SINGLE_ATTEMPT, "connection refused: nothing was sent"),
      new Row("TimeoutException", null, Kind.INDEFINITE, "no answer within the per-call timeout"),
      new Row("CancellationException", null, Kind.INDEFINITE, "cancelled in flight"),
      new Row("InterruptedException", null, Kind.INDEFINITE, "the caller stopped waiting"));

  /**
   * A classified client error.
   *
   * @param definite true when the request certainly did not take effect
   * @param code the gRPC status code name, or {@code TIMEOUT} for a client-side timeout, or the
   *     exception's class for anything else
   * @param message the server's or client's message
   * @param why the table row's reason (or "unclassified")
   */
  public record ClientError(boolean definite, String code, String message, String why) {
    /** {@code fail} or {@code info}, the history type this error gives an operation. */
    public String historyType() {
      return definite ? "fail" : "info";
    }

    /** A short name for a history's {@code error} field, e.g. {@code unavailable: request timed out}. */
    public String shortName() {
      String base = code.toLowerCase(Locale.ROOT).replace('_', '-');
      return message == null || message.isBlank() ? base : base + ": " + message.replace("etcdserver: ", "");
    }

    @Override
    public String toString() {
      return code + (message == null || message.isBlank() ? "" : ": " + message)
          + (definite ? " (definite)" : " (indefinite)");
    }
  }

  /** Classifies an error of a client that may retry an operation (jetcd's default). */
  public static ClientError classify(Throwable t) {
    return classify(t, false);
  }

  /**
   * Classifies any exception a client call ended with.
   *
   * @param singleAttempt true when the client makes one attempt per operation (no retries)
   */
  public static ClientError classify(Throwable t, boolean singleAttempt) {
    Throwable e = unwrap(t);
    String status = statusOf(e);
    String messages = messages(e);
    for (Row r : ROWS) {
      if ((r.status() == null || r.status().equals(status))
          && (r.messageContains() == null || messages.contains(r.messageContains()))) {
        boolean definite = r.kind() == Kind.DEFINITE || r.kind() == Kind.DEFINITE_IF_SINGLE_ATTEMPT && singleAttempt;
        return new ClientError(definite, code(e, status), description(e), r.why());
      }
    }
    return new ClientError(false, code(e, status), description(e), "unclassified: when in doubt, indefinite");
  }

  /** The gRPC status code name (from a status exception in the cause chain), or the exception's simple name. */
  static String statusOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      io.grpc.Status s = grpcStatus(c);
      if (s != null) {
        return s.getCode().name();
      }
      if (c instanceof ConnectException || c instanceof TimeoutException || c instanceof CancellationException
          || c instanceof InterruptedException) {
        return c.getClass().getSimpleName();
      }
    }
    return t.getClass().getSimpleName();
  }

  private static io.grpc.Status grpcStatus(Throwable c) {
    if (c instanceof StatusRuntimeException sre) {
      return sre.getStatus();
    }
    if (c instanceof StatusException se) {
      return se.getStatus();
    }
    if (c instanceof io.etcd.jetcd.common.exception.EtcdException ee) {
      return io.grpc.Status.fromCode(io.grpc.Status.Code.valueOf(ee.getErrorCode().name())).withDescription(ee.getMessage());
    }
    return null;
  }

  private static String code(Throwable e, String status) {
    return e instanceof TimeoutException ? "TIMEOUT" : status;
  }

  private static String description(Throwable e) {
    if (e instanceof TimeoutException) {
      return "no answer within the per-call timeout";
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      io.grpc.Status s = grpcStatus(c);
      if (s != null) {
        return s.getDescription();
      }
    }
    return e.getMessage();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append(" | ");
    }
    return sb.toString();
  }
}
