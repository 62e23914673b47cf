package io.plumbline.chaos.controlplane;

/**
 * One write a controller manager sent, as the wire between it and its API server saw it
 * ({@link ControllerLink}): who wrote under which lease generation, what, when it left for the API
 * server and when the answer came (nanoTime of this JVM), and the answer's status code ({@code -1}
 * when none came: the write may or may not have happened), and whether that answer was the fence's
 * refusal (a 409 whose message says so, {@link io.plumbline.apiserver.api.ApiError#FENCED_OFF}) rather than a
 * conflict with a precondition or an object already gone.
 *
 * @param kind e.g. {@code POST pods}, {@code DELETE pods}, {@code PATCH replicationcontrollers/status},
 *     {@code PUT leases} (a lease write's generation is the {@code spec.leaseTransitions} it writes)
 */
record ControllerWrite(String writer, long generation, String kind, String path, long sentNanos,
    long answeredNanos, int code, boolean fencedOff) {

  boolean accepted() {
    return code >= 200 && code < 300;
  }

  /** Answered with a definite yes or no (2xx or 4xx), not a timeout or a server error. */
  boolean definite() {
    return accepted() || (code >= 400 && code < 500);
  }

  @Override
  public String toString() {
    return kind + " " + path + " by " + writer + "@" + generation + " answered " + (code < 0 ? "never" : code)
        + (fencedOff ? " (fenced off)" : "");
  }
}
