package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.plumbline.store.fault.QuadraticTxnChecks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** etcd 3.4's request checks, and the one walk that keeps them linear in the request's size. */
class TxnChecksTest {
  static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static RequestOp put(String k) {
    return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b(k)).setValue(b("v"))).build();
  }

  static RequestOp delete(String k, String end) {
    return RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(b(k)).setRangeEnd(b(end)))
        .build();
  }

  static RequestOp txn(TxnRequest t) {
    return RequestOp.newBuilder().setRequestTxn(t).build();
  }

  /** A txn nested {@code depth} levels, each level one put and the next level in its success branch. */
  static TxnRequest nested(int depth) {
    TxnRequest t = TxnRequest.newBuilder().addSuccess(put("k" + depth)).build();
    for (int i = depth - 1; i > 0; i--) {
      t = TxnRequest.newBuilder().addSuccess(put("k" + i)).addSuccess(txn(t)).build();
    }
    return t;
  }

  @Test
  void aFortyDeepNestedTxnIsCheckedInOneWalk() {
    // generous bound: the old check (two walks per level) needs about 2^40 steps here and never ends
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> TxnChecks.check(nested(40), 128));
  }

  @Test
  void theOldCheckIsKeptAsAFaultAndRejectsWhatEtcdAllows() {
    TxnRequest inner = TxnRequest.newBuilder().addSuccess(put("a")).addFailure(put("a")).build();
    TxnRequest t = TxnRequest.newBuilder().addSuccess(txn(inner)).build();
    assertThatCode(() -> TxnChecks.check(t, 128)).doesNotThrowAnyException();
    assertThatThrownBy(() -> QuadraticTxnChecks.check(t, 128)).hasMessage(StoreError.DUPLICATE_KEY.message());
  }

  @Test
  void duplicateWritesAcrossSiblingsAndLevelsAreRejected() {
    TxnRequest nestedThenTop = TxnRequest.newBuilder().addSuccess(put("a"))
        .addSuccess(txn(TxnRequest.newBuilder().addSuccess(put("a")).build())).build();
    TxnRequest putUnderDelete = TxnRequest.newBuilder().addSuccess(delete("a", "c"))
        .addSuccess(txn(TxnRequest.newBuilder().addFailure(put("b")).build())).build();
    TxnRequest siblingElse = TxnRequest.newBuilder()
        .addSuccess(txn(TxnRequest.newBuilder().addSuccess(put("a")).build()))
        .addSuccess(txn(TxnRequest.newBuilder().addFailure(put("a")).build())).build();
    for (TxnRequest t : new TxnRequest[] {nestedThenTop, putUnderDelete, siblingElse}) {
      assertThatThrownBy(() -> TxnChecks.check(t, 128)).hasMessage(StoreError.DUPLICATE_KEY.message());
    }
    TxnRequest fromKeyOn = TxnRequest.newBuilder().addSuccess(delete("m", "\0")).addSuccess(put("z")).build();
    assertThatThrownBy(() -> TxnChecks.check(fromKeyOn, 128)).hasMessage(StoreError.DUPLICATE_KEY.message());
    TxnRequest outside = TxnRequest.newBuilder().addSuccess(delete("a", "c")).addSuccess(put("c")).build();
    assertThatCode(() -> TxnChecks.check(outside, 128)).doesNotThrowAnyException();
  }

  @Test
  void malformedOpsGetEtcdsErrors() {
    TxnRequest empty = TxnRequest.newBuilder().addSuccess(RequestOp.getDefaultInstance()).build();
    assertThatThrownBy(() -> TxnChecks.check(empty, 128)).hasMessage(StoreError.KEY_NOT_FOUND.message());
    PutRequest ignoreValue = PutRequest.newBuilder().setKey(b("a")).setValue(b("v")).setIgnoreValue(true).build();
    assertThatThrownBy(() -> TxnChecks.checkPut(ignoreValue)).hasMessage(StoreError.VALUE_PROVIDED.message());
    PutRequest ignoreLease = PutRequest.newBuilder().setKey(b("a")).setLease(7).setIgnoreLease(true).build();
    assertThatThrownBy(() -> TxnChecks.checkPut(ignoreLease)).hasMessage(StoreError.LEASE_PROVIDED.message());
    TxnRequest deepEmpty = TxnRequest.newBuilder().addFailure(txn(TxnRequest.newBuilder()
        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.getDefaultInstance())).build())).build();
    assertThatThrownBy(() -> TxnChecks.check(deepEmpty, 128)).hasMessage(StoreError.EMPTY_KEY.message());
  }

  /** etcd's --max-txn-ops bounds each of compares, success ops and failure ops: one more of any is refused. */
  @Test
  void maxTxnOpsBoundsComparesAndEachBranch() {
    TxnRequest.Builder compares = TxnRequest.newBuilder();
    TxnRequest.Builder success = TxnRequest.newBuilder();
    TxnRequest.Builder failure = TxnRequest.newBuilder();
    for (int i = 0; i < 4; i++) {
      compares.addCompare(io.etcd.jetcd.api.Compare.newBuilder().setKey(b("c" + i)));
      success.addSuccess(put("s" + i));
      failure.addFailure(put("f" + i));
    }
    for (TxnRequest.Builder t : List.of(compares, success, failure)) {
      assertThatCode(() -> TxnChecks.check(t.build(), 4)).as("4 of a kind, limit 4").doesNotThrowAnyException();
      assertThatThrownBy(() -> TxnChecks.check(t.build(), 3)).as("4 of a kind, limit 3")
          .hasMessage(StoreError.TOO_MANY_OPS.message());
    }
  }
}
