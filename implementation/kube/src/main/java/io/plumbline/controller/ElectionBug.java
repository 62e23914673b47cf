package io.plumbline.controller;

/**
 * Deliberate bugs of the Java lease election, used only by tests to prove that its trace
 * validation against {@code spec/election/LeaseElection.tla} bites. Set only through the test
 * constructors of {@link LeaseElection}, {@link LeaderElector} and {@link ControllerManager}, and
 * the controller manager's hidden {@code --injected-election-bug} flag, which {@code up} passes
 * only when a test's {@code UpOptions} ask for it.
 */
public enum ElectionBug {
  /**
   * Another holder's lease counts as expired after the renew deadline instead of the lease
   * duration (the two durations mixed up): a candidate acquires a lease that has not expired.
   */
  ACQUIRE_BEFORE_EXPIRY
}
