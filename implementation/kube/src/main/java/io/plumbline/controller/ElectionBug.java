package io.plumbline.controller;

/**
 * Deliberate bugs of the Java lease election, used only by tests to prove that its trace
 * validation against {@code spec/election/LeaseElection.tla} bites. Set only through the test
 * constructors of {@link LeaseElection} and {@link LeaderElector}; no flag or file can set them.
 */
public enum ElectionBug {
  /**
   * Another holder's lease counts as expired after the renew deadline instead of the lease
   * duration (the two durations mixed up): a candidate acquires a lease that has not expired.
   */
  ACQUIRE_BEFORE_EXPIRY
}
