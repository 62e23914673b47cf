package io.plumbline.controller;

/**
 * Receives one event per step of {@link LeaseElection}, named after the action of
 * {@code spec/election/LeaseElection.tla} it takes ({@code Get}, {@code UpdateSucceeds},
 * {@code UpdateConflicts}, {@code UpdateUnanswered}, {@code StepDown}), for trace validation
 * against that spec. The
 * mapping spec ↔ event ↔ Java is documented in {@code spec/election/TraceLeaseElection.tla}.
 */
@FunctionalInterface
public interface ElectionTrace {
  /** Records nothing: the default of every real elector. */
  ElectionTrace NONE = (action, candidate, nowMs, lease, intent) -> { };

  /**
   * Candidate {@code candidate} took spec action {@code action} at {@code nowMs} on its clock;
   * {@code lease} is the Lease as read ({@code Get}) or as written ({@code UpdateSucceeds}), else
   * null; {@code intent} is what a {@code Get} decided ("none", "acquire", "renew"), else null.
   */
  void event(String action, String candidate, long nowMs, LeaseRecord lease, String intent);
}
