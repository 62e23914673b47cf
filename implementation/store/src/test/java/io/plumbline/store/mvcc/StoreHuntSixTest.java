package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules of etcd 3.4 that the sixth store hunt found unstated (implementation/HUNTS.md, "Sixth store hunt"). */
class StoreHuntSixTest {
  private final MvccStore store = new MvccStore(2);

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private List<String> range(RangeRequest.SortOrder order) {
    return range(RangeRequest.newBuilder().setSortOrder(order));
  }

  private List<String> range(RangeRequest.Builder req) {
    RangeResponse r = store.range(req.setKey(b("a")).setRangeEnd(b("z")).setSortTarget(RangeRequest.SortTarget.VALUE)
        .setLimit(2).build());
    assertThat(r.getMore()).isTrue();
    assertThat(r.getCount()).isEqualTo(4);
    return r.getKvsList().stream().map(kv -> kv.getKey().toStringUtf8() + "=" + kv.getValue().toStringUtf8()).toList();
  }

  /**
   * etcd 3.4.23, {@code put a 5; put b 3; put c 4; put d 1}: {@code get a z --sort-by=VALUE --limit 2} answers b=3 c=4
   * (it reads limit + 1 keys in key order and sorts only those, since the request's order is NONE), and with
   * {@code --order=ASCEND} d=1 b=3 (it reads the whole range).
   */
  @Test
  void aSortTargetWithOrderNoneAndALimitSortsOnlyTheFirstLimitPlusOneKeys() {
    for (String kv : List.of("a=5", "b=3", "c=4", "d=1")) {
      store.put(PutRequest.newBuilder().setKey(b(kv.substring(0, 1))).setValue(b(kv.substring(2))).build());
    }
    assertThat(range(RangeRequest.SortOrder.NONE)).containsExactly("b=3", "c=4");
    assertThat(range(RangeRequest.SortOrder.ASCEND)).containsExactly("d=1", "b=3");
    // a revision filter, even one every key passes, also makes etcd read the whole range (applierV3backend.Range)
    assertThat(range(RangeRequest.newBuilder().setMinModRevision(1))).containsExactly("d=1", "b=3");
    assertThat(range(RangeRequest.newBuilder().setMaxCreateRevision(100))).containsExactly("d=1", "b=3");
  }

  /** etcd's compareKV: a result it does not know (a newer client's) holds, whatever the compared values. */
  @Test
  void aCompareWithAnUnknownResultHolds() {
    store.put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build());
    Compare unknown = Compare.newBuilder().setKey(b("k")).setTarget(Compare.CompareTarget.VERSION).setVersion(7)
        .setResultValue(9).build();
    assertThat(store.txn(TxnRequest.newBuilder().addCompare(unknown).build()).getSucceeded()).isTrue();
  }

  /** etcd's lessor.Grant: {@code ttl > MaxLeaseTTL} (9,000,000,000 s) is too large; the maximum itself is granted. */
  @Test
  void aLeaseOfTheMaximumTtlIsGrantedOneSecondMoreIsTooLarge() {
    assertThat(store.leaseGrant(1, MvccStore.MAX_LEASE_TTL_SECONDS).ttlSeconds()).isEqualTo(9_000_000_000L);
    assertThatThrownBy(() -> store.leaseGrant(2, MvccStore.MAX_LEASE_TTL_SECONDS + 1))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.LEASE_TTL_TOO_LARGE));
  }
}
