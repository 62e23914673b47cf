package io.plumbline.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.controller.LeaseElection.Decision.Kind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** client-go's tryAcquireOrRenew decisions, driven by explicit times. */
class LeaseElectionTest {
  private static final ElectionConfig A = new ElectionConfig("kube-system", "cm", "a", 15_000,
      10_000, 2_000);

  private static LeaseRecord heldBy(String holder, long transitions, String renew) {
    return new LeaseRecord(holder, 15, "t0", renew, transitions);
  }

  @Test
  void anAbsentLeaseIsCreatedAtGenerationZero() {
    LeaseElection.Decision d = new LeaseElection(A).decide(Optional.empty(), 0, "t0");
    assertThat(d.kind()).isEqualTo(Kind.CREATE);
    assertThat(d.record()).isEqualTo(new LeaseRecord("a", 15, "t0", "t0", 0));
  }

  @Test
  void anotherHoldersLeaseIsLeftAloneUntilItWentUnrenewedForAFullLeaseDuration() {
    LeaseElection e = new LeaseElection(A);
    LeaseRecord b = heldBy("b", 3, "r1");
    assertThat(e.decide(Optional.of(b), 1_000, "x").kind()).isEqualTo(Kind.WAIT);
    assertThat(e.decide(Optional.of(b), 15_999, "x").kind()).isEqualTo(Kind.WAIT);
    LeaseElection.Decision takeover = e.decide(Optional.of(b), 16_000, "t16");
    assertThat(takeover.kind()).isEqualTo(Kind.UPDATE);
    assertThat(takeover.record().leaseTransitions()).isEqualTo(4);
    assertThat(takeover.record().holderIdentity()).isEqualTo("a");
  }

  @Test
  void aRenewalByTheHolderRestartsTheExpiryClock() {
    LeaseElection e = new LeaseElection(A);
    e.decide(Optional.of(heldBy("b", 3, "r1")), 0, "x");
    assertThat(e.decide(Optional.of(heldBy("b", 3, "r2")), 14_000, "x").kind())
        .isEqualTo(Kind.WAIT);
    assertThat(e.decide(Optional.of(heldBy("b", 3, "r2")), 28_999, "x").kind())
        .isEqualTo(Kind.WAIT);
    assertThat(e.decide(Optional.of(heldBy("b", 3, "r2")), 29_000, "x").kind())
        .isEqualTo(Kind.UPDATE);
  }

  /**
   * client-go's isLeaseValid: expiry is the observed record's leaseDurationSeconds after this
   * candidate saw it change, not this candidate's own configured duration (15 s here).
   */
  @Test
  void aHolderAdvertisingALongerLeaseIsNotOverthrownAtOurDuration() {
    LeaseElection e = new LeaseElection(A);
    LeaseRecord b = new LeaseRecord("b", 40, "t0", "r1", 3);
    e.decide(Optional.of(b), 1_000, "x");
    assertThat(e.decide(Optional.of(b), 16_000, "x").kind()).isEqualTo(Kind.WAIT);
    assertThat(e.decide(Optional.of(b), 40_999, "x").kind()).isEqualTo(Kind.WAIT);
    assertThat(e.nextAttemptInMs(16_000, 4_400)).isEqualTo(4_400);
    assertThat(e.nextAttemptInMs(39_000, 4_400)).isEqualTo(2_000);
    assertThat(e.decide(Optional.of(b), 41_000, "t41").kind()).isEqualTo(Kind.UPDATE);
  }

  /** ... and a holder advertising a shorter lease expires at its own duration, as in client-go. */
  @Test
  void aHolderAdvertisingAShorterLeaseExpiresAtItsDuration() {
    LeaseElection e = new LeaseElection(A);
    LeaseRecord b = new LeaseRecord("b", 5, "t0", "r1", 3);
    e.decide(Optional.of(b), 1_000, "x");
    assertThat(e.decide(Optional.of(b), 5_999, "x").kind()).isEqualTo(Kind.WAIT);
    assertThat(e.decide(Optional.of(b), 6_000, "t6").kind()).isEqualTo(Kind.UPDATE);
  }

  /** The record never advertises less than the candidate holds it for: seconds round up. */
  @Test
  void aFractionalLeaseIsAdvertisedRoundedUp() {
    ElectionConfig c = new ElectionConfig("kube-system", "cm", "a", 1_500, 1_200, 200);
    LeaseElection.Decision d = new LeaseElection(c).decide(Optional.empty(), 0, "t0");
    assertThat(d.record().leaseDurationSeconds()).isEqualTo(2);
    assertThat(A.leaseDurationSeconds()).isEqualTo(15);
  }

  @Test
  void renewingItsOwnLeaseKeepsTheGenerationAndAcquireTime() {
    LeaseElection e = new LeaseElection(A);
    LeaseElection.Decision renew = e.decide(Optional.of(heldBy("a", 7, "r1")), 5_000, "t5");
    assertThat(renew.record()).isEqualTo(new LeaseRecord("a", 15, "t0", "t5", 7));
  }

  /** Spec action StepDown: exactly once RenewDeadline has passed since the last renew, on its clock. */
  @Test
  void aLeaderStepsDownWhenItsRenewDeadlinePassedNotLater() {
    LeaseElection e = new LeaseElection(A);
    e.written(heldBy("a", 1, "r1"), 1_000);
    assertThat(e.stepDown(10_999)).isFalse();
    assertThat(e.leading()).isTrue();
    assertThat(e.stepDown(11_000)).isTrue();
    assertThat(e.leading()).isFalse();
  }

  @Test
  void aReleasedLeaseIsTakenAtOnceWithANewGeneration() {
    LeaseElection.Decision d = new LeaseElection(A)
        .decide(Optional.of(heldBy("", 2, "r")), 0, "t");
    assertThat(d.kind()).isEqualTo(Kind.UPDATE);
    assertThat(d.record().leaseTransitions()).isEqualTo(3);
  }
  @Test
  void aStandbyWakesWhenTheWatchedLeaseExpiresNotAJitteredRetryLater() {
    LeaseElection e = new LeaseElection(A);
    e.decide(Optional.of(heldBy("b", 3, "r1")), 1_000, "x");
    // lease observed at 1 000 expires at 16 000: a 4 400 ms jittered retry at 14 000 is cut to 2 000
    assertThat(e.nextAttemptInMs(14_000, 4_400)).isEqualTo(2_000);
    assertThat(e.nextAttemptInMs(5_000, 4_400)).isEqualTo(4_400);
    assertThat(e.nextAttemptInMs(16_500, 4_400)).isEqualTo(1);
    assertThat(e.observedTimeMs()).isEqualTo(1_000);
    assertThat(e.observedHolder()).isEqualTo("b");
  }

  @Test
  void aLeaderOrAFreeLeaseKeepsTheJitteredRetry() {
    LeaseElection e = new LeaseElection(A);
    assertThat(e.nextAttemptInMs(0, 3_000)).isEqualTo(3_000);
    e.decide(Optional.of(heldBy("a", 1, "r1")), 0, "x");
    assertThat(e.nextAttemptInMs(14_900, 3_000)).isEqualTo(3_000);
  }
}
