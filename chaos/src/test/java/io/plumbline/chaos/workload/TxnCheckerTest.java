package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A snapshot that shows a multi-key txn in part is caught; whole txns are valid; too little is unknown. */
class TxnCheckerTest {
  private static final Set<String> WRITTEN = Set.of("7", "8");
  private static final Map<String, Long> ACKED = Map.of("7", 5L);

  @Test
  void wholeTxnsAndEmptySnapshotsAreFine() {
    assertThat(TxnChecker.problem(List.of(), 3, WRITTEN, ACKED)).isNull();
    assertThat(TxnChecker.problem(List.of(List.of("k0", "7", 5L), List.of("k1", "7", 5L), List.of("k2", "7", 5L)), 3,
        WRITTEN, ACKED)).isNull();
    assertThat(TxnChecker.problem(List.of(List.of("k0", "8", 9L), List.of("k1", "8", 9L), List.of("k2", "8", 9L)), 3,
        WRITTEN, ACKED)).as("an indeterminate write, whole").isNull();
  }

  @Test
  void aTxnAppliedWriteByWriteIsCaught() {
    // split-txn: same value, one revision per key
    assertThat(TxnChecker.problem(List.of(List.of("k0", "7", 3L), List.of("k1", "7", 4L), List.of("k2", "7", 5L)), 3,
        WRITTEN, ACKED)).contains("one txn wrote all 3 keys at one revision");
    // half applied: two values
    assertThat(TxnChecker.problem(List.of(List.of("k0", "8", 9L), List.of("k1", "7", 5L), List.of("k2", "7", 5L)), 3,
        WRITTEN, ACKED)).isNotNull();
    // a key missing
    assertThat(TxnChecker.problem(List.of(List.of("k0", "7", 5L)), 3, WRITTEN, ACKED)).isNotNull();
  }

  @Test
  void aPhantomOrAWrongRevisionIsCaught() {
    assertThat(TxnChecker.problem(List.of(List.of("k0", "6", 5L), List.of("k1", "6", 5L), List.of("k2", "6", 5L)), 3,
        WRITTEN, ACKED)).contains("no client wrote");
    assertThat(TxnChecker.problem(List.of(List.of("k0", "7", 6L), List.of("k1", "7", 6L), List.of("k2", "7", 6L)), 3,
        WRITTEN, ACKED)).contains("acknowledged at rev 5");
  }

  @Test
  void verdictFromAHistory() {
    List<Op> ev = new ArrayList<>();
    for (int i = 0; i < TxnChecker.MIN_ACKNOWLEDGED; i++) {
      String v = Integer.toString(100 + i);
      long rev = 2 + i;
      ev.add(new Op(ev.size(), "0", OpType.INVOKE, "write", v, "all", null, null, Map.of()));
      ev.add(new Op(ev.size(), "0", OpType.OK, "write", List.of(v, rev), "all", null, null, Map.of()));
      ev.add(new Op(ev.size(), "1", OpType.INVOKE, "read", null, "all", null, null, Map.of()));
      ev.add(new Op(ev.size(), "1", OpType.OK, "read",
          List.of(List.of("k0", v, rev), List.of("k1", v, rev), List.of("k2", v, rev)), "all", null, null, Map.of()));
    }
    assertThat(TxnChecker.check(new History("t", ev), 3).validity()).isEqualTo(Validity.TRUE);
    assertThat(TxnChecker.check(new History("t", ev.subList(0, 8)), 3).validity()).isEqualTo(Validity.UNKNOWN);
    List<Op> writesOnly = new ArrayList<>();
    for (int i = 0; i < ev.size(); i += 4) {
      writesOnly.add(ev.get(i));
      writesOnly.add(ev.get(i + 1));
    }
    assertThat(TxnChecker.check(new History("t", writesOnly), 3).validity()).as("no read, nothing judged")
        .isEqualTo(Validity.UNKNOWN);
    ev.add(new Op(ev.size(), "1", OpType.INVOKE, "read", null, "all", null, null, Map.of()));
    ev.add(new Op(ev.size(), "1", OpType.OK, "read",
        List.of(List.of("k0", "100", 2L), List.of("k1", "101", 3L), List.of("k2", "101", 3L)), "all", null, null,
        Map.of()));
    Workload.Verdict v = TxnChecker.check(new History("t", ev), 3);
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.failure().operation().describe()).startsWith("p1 read"); // the read that saw the txn in part
    assertThat(v.failureWhat()).isEqualTo("saw a txn in part");
  }
}
