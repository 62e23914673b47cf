package io.plumbline.conformance.hostile;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.Callable;

/**
 * What one raw request got back: OK with a one-line summary, or a gRPC status code and message. Checks of
 * this group compare outcomes with etcd 3.4's, so an error here is an observation, not a check failure.
 *
 * @param code the status code (OK when the call succeeded)
 * @param text the summary of the response, or the status's description
 */
record Outcome(Status.Code code, String text) {
  /** Runs {@code call}; its result summarized by {@code String.valueOf}, or its error's status. */
  static Outcome of(Callable<?> call) throws Exception {
    try {
      return new Outcome(Status.Code.OK, String.valueOf(call.call()));
    } catch (StatusRuntimeException e) {
      return new Outcome(e.getStatus().getCode(), e.getStatus().getDescription());
    }
  }

  /** Whether this is {@code code} with {@code message} (a null message: any). */
  boolean is(Status.Code expectedCode, String message) {
    return code == expectedCode && (message == null || message.equals(text));
  }

  @Override
  public String toString() {
    return code == Status.Code.OK ? "OK " + text : code + " \"" + text + "\"";
  }
}
