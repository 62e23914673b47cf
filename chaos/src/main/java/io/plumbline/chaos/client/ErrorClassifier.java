package io.plumbline.chaos.client;

import io.plumbline.history.OpType;
import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The ONE table that decides whether a client error means "certainly did not happen" (fail) or
 * "may have happened" (info), as Maelstrom's definite/indefinite errors. When in doubt: info.
 * Rows are tried top to bottom; the first match wins.
 */
public final class ErrorClassifier {
  private ErrorClassifier() {}

  /** One row: the status/exception it matches, the message fragment (or null), the verdict. */
  record Rule(String status, String messageContains, OpType type, String why) {}

  /** etcd messages first (they refine a status), then gRPC statuses, then Java exceptions. */
  static final List<Rule> TABLE = List.of(
      // etcd: the request was never proposed to Raft / never admitted.
      new Rule(null, "etcdserver: too many requests", OpType.FAIL, "rejected before proposal"),
      new Rule(null, "etcdserver: request is too large", OpType.FAIL, "rejected before proposal"),
      new Rule(null, "required revision has been compacted", OpType.FAIL, "read of a compacted revision"),
      new Rule(null, "requested lease not found", OpType.FAIL, "lease check before proposal"),
      // etcd: proposed, outcome unknown.
      new Rule(null, "etcdserver: request timed out", OpType.INFO, "proposal may commit later"),
      new Rule(null, "etcdserver: leader changed", OpType.INFO, "proposal may have committed"),
      new Rule(null, "etcdserver: no leader", OpType.INFO, "may have been forwarded before"),
      // The connection was never established, so the request was never written (gRPC reports
      // UNAVAILABLE with the refused connect as the cause).
      new Rule(null, "Connection refused", OpType.FAIL, "connection refused: nothing was sent"),
      // gRPC statuses that mean the server refused the request as such.
      new Rule("INVALID_ARGUMENT", null, OpType.FAIL, "request refused as invalid"),
      new Rule("NOT_FOUND", null, OpType.FAIL, "nothing to act on"),
      new Rule("ALREADY_EXISTS", null, OpType.FAIL, "refused"),
      new Rule("PERMISSION_DENIED", null, OpType.FAIL, "refused"),
      new Rule("UNAUTHENTICATED", null, OpType.FAIL, "refused"),
      new Rule("FAILED_PRECONDITION", null, OpType.FAIL, "refused"),
      new Rule("OUT_OF_RANGE", null, OpType.FAIL, "refused"),
      new Rule("UNIMPLEMENTED", null, OpType.FAIL, "refused"),
      new Rule("RESOURCE_EXHAUSTED", null, OpType.FAIL, "throttled before execution"),
      // The request may have reached the server: indefinite.
      new Rule("UNAVAILABLE", null, OpType.INFO, "connection lost, request may have been sent"),
      new Rule("DEADLINE_EXCEEDED", null, OpType.INFO, "timeout"),
      new Rule("CANCELLED", null, OpType.INFO, "cancelled in flight"),
      new Rule("ABORTED", null, OpType.INFO, "aborted in flight"),
      new Rule("INTERNAL", null, OpType.INFO, "server error, effect unknown"),
      new Rule("DATA_LOSS", null, OpType.INFO, "server error, effect unknown"),
      new Rule("UNKNOWN", null, OpType.INFO, "unknown error"),
      // Java-side errors.
      new Rule("ConnectException", null, OpType.FAIL, "connection refused: nothing was sent"),
      new Rule("TimeoutException", null, OpType.INFO, "client-side timeout"),
      new Rule("CancellationException", null, OpType.INFO, "cancelled in flight"));

  /** The outcome of an operation that ended with {@code error}. */
  public static Outcome classify(Throwable error) {
    Throwable root = unwrap(error);
    String status = statusOf(root);
    String message = messages(root);
    for (Rule r : TABLE) {
      boolean statusOk = r.status() == null || r.status().equals(status);
      boolean messageOk = r.messageContains() == null || message.contains(r.messageContains());
      if (statusOk && messageOk) {
        return new Outcome(r.type(), errorName(status, r), r.why());
      }
    }
    return new Outcome(OpType.INFO, errorName(status, null), "unclassified: when in doubt, indefinite");
  }

  /** The gRPC status name (via the exception's reported code), or the exception's simple class name. */
  static String statusOf(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof io.etcd.jetcd.common.exception.EtcdException e) {
        return e.getErrorCode().name();
      }
      if (c instanceof io.grpc.StatusRuntimeException e) {
        return e.getStatus().getCode().name();
      }
      if (c instanceof io.grpc.StatusException e) {
        return e.getStatus().getCode().name();
      }
      if (c instanceof ConnectException || c instanceof TimeoutException || c instanceof CancellationException) {
        return c.getClass().getSimpleName();
      }
    }
    return t.getClass().getSimpleName();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getMessage()).append(" | ");
    }
    return sb.toString();
  }

  private static String errorName(String status, Rule r) {
    String base = status.toLowerCase(Locale.ROOT).replace('_', '-');
    return r == null || r.messageContains() == null ? base
        : base + ": " + r.messageContains().replace("etcdserver: ", "");
  }
}
