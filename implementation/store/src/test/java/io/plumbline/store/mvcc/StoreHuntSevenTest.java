package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import org.junit.jupiter.api.Test;

/** Rules of etcd 3.4 that the seventh store hunt found unstated (implementation/HUNTS.md, "Seventh store hunt"). */
class StoreHuntSevenTest {
  private final MvccStore store = new MvccStore(2);

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  /**
   * etcd's lessor.Grant refuses an id it has ("etcdserver: lease already exists", FAILED_PRECONDITION) and keeps the
   * lease as it was. etcd 3.4.23: grant ID 5 TTL 60, put lk with lease 5, grant ID 5 TTL 30 -> that error;
   * time-to-live 5: granted 60, keys [lk]; revoke 5 deletes lk.
   */
  @Test
  void aGrantOfAnExistingLeaseIdIsRefusedAndTheLeaseKeepsItsTtlAndKeys() {
    store.leaseGrant(5, 60);
    store.put(PutRequest.newBuilder().setKey(b("lk")).setValue(b("v")).setLease(5).build());
    assertThatThrownBy(() -> store.leaseGrant(5, 30))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.LEASE_EXISTS));
    assertThat(store.leases().get(5L).ttlSeconds()).as("the granted TTL").isEqualTo(60);
    assertThat(store.leases().get(5L).keys()).as("the keys attached to lease 5").containsExactly(b("lk"));
    store.leaseRevoke(5);
    assertThat(store.range(RangeRequest.newBuilder().setKey(b("lk")).build()).getCount()).as("lk after the revoke").isZero();
  }

  /**
   * A put with ignore_lease keeps the key on its lease, so the lease's revoke still deletes it. etcd 3.4.23: {@code put il
   * v1 --lease=L; put il v2 --ignore-lease}: il has value v2 and lease L, {@code lease timetolive L --keys} lists il.
   */
  @Test
  void aPutWithIgnoreLeaseKeepsTheKeyOnItsLease() {
    store.leaseGrant(5, 60);
    store.put(PutRequest.newBuilder().setKey(b("il")).setValue(b("v1")).setLease(5).build());
    store.put(PutRequest.newBuilder().setKey(b("il")).setValue(b("v2")).setIgnoreLease(true).build());
    assertThat(store.range(RangeRequest.newBuilder().setKey(b("il")).build()).getKvs(0).getLease()).as("il's lease")
        .isEqualTo(5);
    assertThat(store.leases().get(5L).keys()).as("the keys attached to lease 5").containsExactly(b("il"));
    store.leaseRevoke(5);
    assertThat(store.range(RangeRequest.newBuilder().setKey(b("il")).build()).getCount()).as("il after the revoke").isZero();
  }
}
