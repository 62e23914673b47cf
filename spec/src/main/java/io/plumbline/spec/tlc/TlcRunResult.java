package io.plumbline.spec.tlc;

import java.util.List;

/**
 * What one TLC run found.
 *
 * @param outcome how the run ended
 * @param violated the violated invariant's name, "deadlock" for a deadlock, else empty
 * @param errorText TLC's error message (and parser context) when {@code outcome} is ERROR, else empty
 * @param stats the last known search statistics (final ones when TLC finished)
 * @param trace the counterexample, empty unless a violation or deadlock was found
 */
public record TlcRunResult(
    Outcome outcome, String violated, String errorText, TlcProgress stats, List<TraceState> trace) {

  /** How a TLC run ended. */
  public enum Outcome {
    /** The whole state space was explored and no error was found. */
    NO_ERROR,
    /** An invariant was violated; {@code violated} names it. */
    INVARIANT_VIOLATED,
    /** A state without successors was reached while deadlock checking was on. */
    DEADLOCK,
    /** TLC could not check the model (parse error, bad config, crash, interrupted). */
    ERROR,
    /** The run was stopped at its time limit before it finished, without finding an error. */
    TIME_LIMIT
  }

  public TlcRunResult {
    trace = List.copyOf(trace);
  }
}
