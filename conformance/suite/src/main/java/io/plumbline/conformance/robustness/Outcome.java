package io.plumbline.conformance.robustness;

import io.grpc.Status;
import java.util.List;

/**
 * What one endpoint answered to one {@link FuzzRequest}.
 *
 * @param code the gRPC status code; for a stream still open when its window closed, OK
 * @param message the status description (errors only)
 * @param responses the response messages received, normalised ({@link Normalizer}), one line each
 * @param elapsedMillis wall time until the answer (or the deadline)
 */
public record Outcome(Status.Code code, String message, List<String> responses, long elapsedMillis) {
  public Outcome {
    responses = List.copyOf(responses);
  }

  /** The call got no answer within its deadline. */
  public boolean hung() {
    return code == Status.Code.DEADLINE_EXCEEDED;
  }

  /** The member could not be reached or dropped the connection. */
  public boolean unreachable() {
    return code == Status.Code.UNAVAILABLE && (message == null || !message.startsWith("etcdserver:"));
  }

  /**
   * The part that must agree between two correct implementations: the status code, and for a
   * success the normalised responses. Error messages are left out (wording differs legitimately).
   */
  public String comparable() {
    return code == Status.Code.OK ? "OK " + String.join(" | ", responses) : code.name();
  }

  /** For reports: code, message and responses. */
  public String show() {
    String m = message == null || message.isEmpty() ? "" : " \"" + message + "\"";
    return code + m + (responses.isEmpty() ? "" : " " + String.join(" | ", responses));
  }
}
