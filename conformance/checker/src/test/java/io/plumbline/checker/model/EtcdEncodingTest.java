package io.plumbline.checker.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.Validity;
import io.plumbline.checker.model.EtcdModel;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Histories in the workload's encoding are judged right by the etcd model: good ones pass, bad ones fail. */
class EtcdEncodingTest {
  private static final String K = "/p/lin/k0";

  private static CheckResult check(HistoryRecorder h) {
    return LinearizabilityChecker.check(h.history("test"), new EtcdModel(), Budget.ofTimeout(Duration.ofSeconds(10)));
  }

  private static void op(HistoryRecorder h, String p, String f, Object in, Object out) {
    h.record(p, OpType.INVOKE, f, in, K, Map.of());
    h.record(p, OpType.OK, f, out, K, Map.of());
  }

  @Test
  void aCorrectHistoryOfEveryOperationIsLinearizable() {
    HistoryRecorder h = new HistoryRecorder();
    op(h, "0", "get", null, EtcdEncoding.getResult(null, 0));
    op(h, "1", "txn", EtcdEncoding.casRequest(K, null, "c1"), EtcdEncoding.txnResult(true));
    op(h, "0", "put", "p0", null);
    op(h, "1", "get", null, EtcdEncoding.getResult("p0", 2));
    op(h, "2", "txn", EtcdEncoding.casRequest(K, "c1", "c2"), EtcdEncoding.txnResult(false));
    op(h, "2", "delete", null, EtcdEncoding.deleteResult(1));
    op(h, "0", "get", null, EtcdEncoding.getResult(null, 0));
    assertThat(check(h).validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aStaleReadIsNotLinearizable() {
    HistoryRecorder h = new HistoryRecorder();
    op(h, "0", "put", "a", null);
    op(h, "0", "put", "b", null);
    op(h, "1", "get", null, EtcdEncoding.getResult("a", 1)); // b was acknowledged before this read began
    CheckResult r = check(h);
    assertThat(r.validity()).isEqualTo(Validity.FALSE);
    assertThat(r.failure().operation().f()).isEqualTo("get");
  }

  @Test
  void aCasThatSucceedsOnTheWrongValueIsNotLinearizable() {
    HistoryRecorder h = new HistoryRecorder();
    op(h, "0", "put", "a", null);
    op(h, "1", "txn", EtcdEncoding.casRequest(K, "zzz", "c"), EtcdEncoding.txnResult(true));
    assertThat(check(h).validity()).isEqualTo(Validity.FALSE);
  }

  @Test
  void aWrongVersionIsNotLinearizable() {
    HistoryRecorder h = new HistoryRecorder();
    op(h, "0", "put", "a", null);
    op(h, "0", "put", "b", null);
    op(h, "1", "get", null, EtcdEncoding.getResult("b", 7));
    assertThat(check(h).validity()).isEqualTo(Validity.FALSE);
  }

  @Test
  void anIndeterminatePutMayTakeEffectLater() {
    HistoryRecorder h = new HistoryRecorder();
    h.record("0", OpType.INVOKE, "put", "x", K, Map.of());
    h.record("0", OpType.INFO, "put", null, K, Map.of("error", "TIMEOUT"));
    op(h, "1", "get", null, EtcdEncoding.getResult(null, 0));
    op(h, "1", "get", null, EtcdEncoding.getResult("x", 1));
    assertThat(check(h).validity()).isEqualTo(Validity.TRUE);
  }
}
