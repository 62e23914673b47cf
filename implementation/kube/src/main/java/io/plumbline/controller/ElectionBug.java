package io.plumbline.controller;

/**
 * Deliberate bugs of the Java lease election, used only by tests to prove that its trace
 * validation against {@code spec/election/LeaseElection.tla} and its fake-clock timing test
 * ({@code LeaderElectorTimingTest}, which must catch every one) bite. Set only through the test
 * constructors of {@link LeaseElection}, {@link LeaderElector} and {@link ControllerManager}, and
 * the controller manager's hidden {@code --injected-election-bug} flag, which {@code up} passes
 * only when a test's {@code UpOptions} ask for it.
 */
public enum ElectionBug {
  /**
   * Another holder's lease counts as expired after the renew deadline instead of the lease
   * duration (the two durations mixed up): a candidate acquires a lease that has not expired.
   */
  ACQUIRE_BEFORE_EXPIRY,
  /**
   * Another holder's lease expires a lease duration after the renewTime it wrote (its machine's
   * clock) instead of after this candidate saw the record change (its own clock).
   */
  EXPIRY_FROM_RENEW_TIME,
  /**
   * After a failed renewal the leader checks its renew deadline only after the next full retry
   * period: it steps down up to one retry period after the deadline passed.
   */
  STEP_DOWN_A_RETRY_LATE,
  /** A renewal may take a whole renew deadline instead of what is left of it. */
  RENEW_PAST_DEADLINE,
  /** The renew deadline counts from the write's answer instead of the decision it wrote. */
  RENEW_DEADLINE_FROM_ANSWER,
  /**
   * The jitter shrinks the retry period (retry × random × 1.2) instead of stretching it
   * (retry × (1 + random × 1.2)): a candidate polls the Lease faster than every retry period.
   */
  JITTER_BELOW_RETRY,
  /** Off by one: the leader renews right after acquiring instead of one retry period later. */
  RENEW_AT_ACQUIRE
}
