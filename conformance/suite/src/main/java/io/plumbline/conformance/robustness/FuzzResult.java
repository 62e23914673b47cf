package io.plumbline.conformance.robustness;

import java.util.List;

/**
 * A finished fuzzing run.
 *
 * @param findings what it found, in the order found
 * @param requests requests sent to the target
 * @param batches batches completed (each followed by a liveness probe)
 * @param elapsedMillis wall time
 * @param stopReason why it stopped before its budget, or null when the budget ran out
 */
public record FuzzResult(List<Finding> findings, long requests, int batches, long elapsedMillis, String stopReason) {
  public FuzzResult {
    findings = List.copyOf(findings);
  }

  /** Requests sent to the target per second. */
  public double requestsPerSecond() {
    return elapsedMillis == 0 ? 0 : requests * 1000.0 / elapsedMillis;
  }
}
