package io.plumbline.spec.tlc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one TLC run found.
 *
 * @param outcome how the run ended
 * @param violated the violated invariant's name, "deadlock" for a deadlock, else empty
 * @param errorText TLC's error message (and parser context) when {@code outcome} is ERROR, else empty
 * @param stats the last known search statistics (final ones when TLC finished)
 * @param trace the counterexample, empty unless a violation or deadlock was found
 * @param initialStates distinct initial states TLC computed (-1 when unknown)
 * @param coverage TLC's action coverage from its last {@code -coverage} report: per action of
 *     the next-state relation (TLC's name for it), the distinct states it found; empty when TLC
 *     reported none (coverage off, or stopped before its first report)
 */
public record TlcRunResult(
    Outcome outcome, String violated, String errorText, TlcProgress stats, List<TraceState> trace,
    long initialStates, Map<String, Long> coverage) {

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
    coverage = Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
  }

  /** A result without initial-state count or coverage (both unknown). */
  public TlcRunResult(
      Outcome outcome, String violated, String errorText, TlcProgress stats, List<TraceState> trace) {
    this(outcome, violated, errorText, stats, trace, -1, Map.of());
  }

  /**
   * The same result with the coverage of {@code other}, a second complete run of the same model,
   * merged in: per action the higher count. Sound for vacuity: an action a complete run's report
   * credits with a distinct state has fired, and a dead action is 0 in every run.
   */
  public TlcRunResult withCoverageOf(TlcRunResult other) {
    Map<String, Long> merged = new LinkedHashMap<>(coverage);
    other.coverage.forEach((action, distinct) -> merged.merge(action, distinct, Math::max));
    return new TlcRunResult(outcome, violated, errorText, stats, trace, initialStates, merged);
  }

  /** The same result with {@code name} as what was violated. */
  public TlcRunResult withViolated(String name) {
    return new TlcRunResult(outcome, name, errorText, stats, trace, initialStates, coverage);
  }
}
