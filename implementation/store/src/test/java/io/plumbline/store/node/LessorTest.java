package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.store.fault.Faults;
import io.plumbline.store.mvcc.MvccStore;
import org.junit.jupiter.api.Test;

/**
 * The leader's lease clock (etcd's lessor): a lease expires when its TTL has passed since it was granted,
 * renewed or its leader was elected, and not a nanosecond before; an expiry is handed out for revocation once
 * (again only if the revoke did not commit within the retry interval). Time is passed in: no waiting.
 */
class LessorTest {
  private static final long S = 1_000_000_000L;
  private final Lessor lessor = new Lessor(Faults.NONE);

  @Test
  void aLeaseExpiresWhenItsTtlHasPassedSinceTheGrantAndNotBefore() {
    lessor.granted(7, 5, 10 * S);
    assertThat(lessor.remainingSeconds(7, 10 * S)).isEqualTo(5);
    assertThat(lessor.remainingSeconds(7, 10 * S + 1)).as("truncated, as etcd 3.4 (remaining(29s) after a 30 s grant)")
        .isEqualTo(4);
    assertThat(lessor.expired(15 * S - 1)).as("one nanosecond before its TTL").isEmpty();
    assertThat(lessor.remainingSeconds(7, 15 * S - 1)).as("truncated").isEqualTo(0);
    assertThat(lessor.expired(15 * S)).as("at its TTL").containsExactly(7L);
    assertThat(lessor.expired(15 * S + 1)).as("handed out once while its revoke is under way").isEmpty();
  }

  @Test
  void aKeepAliveGivesTheWholeTtlFromTheRenewal() {
    lessor.granted(7, 5, 0);
    lessor.renew(7, 5, 4 * S);
    assertThat(lessor.expired(9 * S - 1)).isEmpty();
    assertThat(lessor.expired(9 * S)).containsExactly(7L);
  }

  /** A follower applied the grant long ago; the old leader kept the lease alive since. */
  @Test
  void aNewLeaderGivesEveryLeaseItsWholeTtlFromItsElection() {
    MvccStore mvcc = new MvccStore(1);
    mvcc.leaseGrant(7, 5);
    lessor.granted(7, 5, 0);
    lessor.promote(mvcc.leases().values(), 60 * S);
    assertThat(lessor.expired(65 * S - 1)).as("the grant's own deadline is long past, the new term's is not").isEmpty();
    assertThat(lessor.expired(65 * S)).containsExactly(7L);
  }

  @Test
  void aRevokeThatDidNotCommitIsHandedOutAgainAfterTheRetryInterval() {
    lessor.granted(7, 1, 0);
    assertThat(lessor.expired(S)).containsExactly(7L);
    assertThat(lessor.expired(4 * S)).as("3 s later: still under way").isEmpty();
    assertThat(lessor.expired(4 * S + 1)).containsExactly(7L);
    lessor.revoked(7);
    assertThat(lessor.expired(100 * S)).isEmpty();
    assertThat(lessor.remainingSeconds(7, 100 * S)).isEqualTo(-1);
  }
}
