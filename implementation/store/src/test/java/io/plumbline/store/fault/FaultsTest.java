package io.plumbline.store.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.plumbline.common.UserError;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.mvcc.RevisionEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Each fault hook deviates only in its own mode, deterministically; the correct store never does. */
class FaultsTest {
  @Test
  void theCorrectStoreNeverDeviates() {
    Faults none = Faults.NONE;
    assertThat(none.active()).isFalse();
    assertThat(none.skipsReadIndex()).isFalse();
    assertThat(none.splitsTxns()).isFalse();
    assertThat(none.checksTxnsQuadratically()).isFalse();
    assertThat(none.echoesPutAsPrevKv()).isFalse();
    assertThat(LongStream.range(1, 100).filter(none::losesWatchEventsOf)).isEmpty();
    assertThat(LongStream.range(1, 100).allMatch(r -> none.nextRevision(r) == r + 1)).isTrue();
    assertThat(none.leaseLifetimeNanos(3)).isEqualTo(3_000_000_000L);
  }

  @Test
  void eachModeChangesOnlyItsOwnHook() {
    for (FaultMode m : FaultMode.values()) {
      Faults f = Faults.of(m, 0);
      assertThat(f.skipsReadIndex()).as(m.flag()).isEqualTo(m == FaultMode.STALE_READ);
      assertThat(f.splitsTxns()).as(m.flag()).isEqualTo(m == FaultMode.SPLIT_TXN);
      assertThat(f.checksTxnsQuadratically()).as(m.flag()).isEqualTo(m == FaultMode.NESTED_TXN_HANG);
      assertThat(f.echoesPutAsPrevKv()).as(m.flag()).isEqualTo(m == FaultMode.PUT_PREV_KV_IS_NEW);
      assertThat(LongStream.range(1, 100).anyMatch(f::losesWatchEventsOf)).as(m.flag())
          .isEqualTo(m == FaultMode.LOST_WATCH_EVENT);
      assertThat(LongStream.range(1, 100).anyMatch(r -> f.nextRevision(r) != r + 1)).as(m.flag())
          .isEqualTo(m == FaultMode.REVISION_SKIP);
      assertThat(f.leaseLifetimeNanos(4) != 4_000_000_000L).as(m.flag()).isEqualTo(m == FaultMode.EARLY_LEASE_EXPIRY);
    }
  }

  @Test
  void lostWatchEventsHitOneRevisionInEveryPeriodShiftedByTheSeed() {
    Faults seed0 = Faults.of(FaultMode.LOST_WATCH_EVENT, 0);
    Faults seed2 = Faults.of(FaultMode.LOST_WATCH_EVENT, 2);
    assertThat(LongStream.rangeClosed(1, 20).filter(seed0::losesWatchEventsOf)).containsExactly(5L, 10L, 15L, 20L);
    assertThat(LongStream.rangeClosed(1, 20).filter(seed2::losesWatchEventsOf)).containsExactly(3L, 8L, 13L, 18L);
  }

  @Test
  void revisionSkipJumpsByTwoOncePerPeriodInTheStore() {
    MvccStore store = new MvccStore(1);
    store.setFaults(Faults.of(FaultMode.REVISION_SKIP, 0));
    List<Long> revisions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      revisions.add(store.put(put("k" + i, "v")).getHeader().getRevision());
    }
    assertThat(revisions).containsExactly(2L, 3L, 4L, 6L, 7L, 8L, 9L, 11L);
  }

  @Test
  void putPrevKvIsNewAnswersTheWrittenKeyValue() {
    MvccStore store = new MvccStore(1);
    store.setFaults(Faults.of(FaultMode.PUT_PREV_KV_IS_NEW, 0));
    store.put(put("k", "old"));
    PutRequest again = put("k", "new").toBuilder().setPrevKv(true).build();
    assertThat(store.put(again).getPrevKv().getValue().toStringUtf8()).isEqualTo("new");
    MvccStore correct = new MvccStore(1);
    correct.put(put("k", "old"));
    assertThat(correct.put(again).getPrevKv().getValue().toStringUtf8()).isEqualTo("old");
  }

  @Test
  void earlyLeaseExpiryKeepsAQuarterOfTheTtl() {
    assertThat(Faults.of(FaultMode.EARLY_LEASE_EXPIRY, 0).leaseLifetimeNanos(60)).isEqualTo(15_000_000_000L);
  }

  @Test
  void splitTxnGivesEveryWriteItsOwnRevisionAndLetsReadersIn() {
    MvccStore store = new MvccStore(1);
    List<Long> published = new ArrayList<>();
    store.setListener((RevisionEvents re) -> published.add(re.revision()));
    ReentrantLock lock = new ReentrantLock();
    TxnRequest txn = TxnRequest.newBuilder()
        .addSuccess(RequestOp.newBuilder().setRequestPut(put("x", "1")))
        .addSuccess(RequestOp.newBuilder().setRequestPut(put("y", "1")))
        .addSuccess(RequestOp.newBuilder().setRequestPut(put("z", "1"))).build();
    lock.lock();
    Object result = SplitTxn.apply(store, txn.toByteArray(), lock);
    assertThat(lock.isHeldByCurrentThread()).as("the caller gets its lock back").isTrue();
    lock.unlock();
    assertThat(result).isInstanceOf(TxnResponse.class);
    TxnResponse r = (TxnResponse) result;
    assertThat(r.getSucceeded()).isTrue();
    assertThat(r.getResponsesCount()).isEqualTo(3);
    assertThat(published).containsExactly(2L, 3L, 4L);
    assertThat(r.getHeader().getRevision()).isEqualTo(4);
  }

  @Test
  void anUnknownModeIsOneLineNamingTheValidOnes() {
    assertThat(FaultMode.parse("split-txn")).isEqualTo(FaultMode.SPLIT_TXN);
    assertThatThrownBy(() -> FaultMode.parse("slow"))
        .isInstanceOf(UserError.class)
        .hasMessage("--fault: unknown mode 'slow'; expected one of stale-read, lost-watch-event, split-txn, "
            + "revision-skip, early-lease-expiry, nested-txn-hang, auth-ignores-permissions, auth-keeps-tokens, "
            + "auth-allows-anonymous, auth-accepts-any-password, put-prev-kv-is-new");
  }

  private static PutRequest put(String key, String value) {
    return PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value)).build();
  }
}
