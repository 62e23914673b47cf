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

  // Hostile histories, judged whole: a builder of writes and reads, serial unless opened by hand.
  private final List<Op> ev = new ArrayList<>();

  private void invoke(String p, String f, String v) {
    ev.add(new Op(ev.size(), p, OpType.INVOKE, f, v, "all", null, null, Map.of()));
  }

  private void complete(String p, String f, OpType type, Object v) {
    ev.add(new Op(ev.size(), p, type, f, v, "all", null, null, Map.of()));
  }

  private void write(String v, OpType outcome, long rev) {
    invoke("0", "write", v);
    complete("0", "write", outcome, outcome == OpType.OK ? List.of(v, rev) : v);
  }

  private void read(List<?> snapshot) {
    invoke("1", "read", null);
    complete("1", "read", OpType.OK, snapshot);
  }

  private static List<List<Object>> whole(String v, long rev) {
    return List.of(List.of("k0", v, rev), List.of("k1", v, rev), List.of("k2", v, rev));
  }

  /** Enough acknowledged writes, each read back, for a verdict: revisions 2 .. 21, values 100 .. 119. */
  private void enough() {
    for (int i = 0; i < TxnChecker.MIN_ACKNOWLEDGED; i++) {
      write(Integer.toString(100 + i), OpType.OK, 2 + i);
      read(whole(Integer.toString(100 + i), 2 + i));
    }
  }

  private Workload.Verdict verdict() {
    return TxnChecker.check(new History("t", ev), 3);
  }

  @Test
  void twoValuesAtOneRevisionAreCaught() {
    assertThat(TxnChecker.problem(List.of(List.of("k0", "8", 5L), List.of("k1", "7", 5L), List.of("k2", "7", 5L)), 3,
        WRITTEN, ACKED)).contains("one txn wrote all 3 keys");
  }

  @Test
  void oneKeyThreeTimesIsNotThreeKeys() {
    assertThat(TxnChecker.problem(List.of(List.of("k0", "7", 5L), List.of("k0", "7", 5L), List.of("k0", "7", 5L)), 3,
        WRITTEN, ACKED)).contains("one txn wrote all 3 keys");
  }

  @Test
  void aDefinitelyFailedWriteSeenWholeIsCaught() {
    enough();
    write("666", OpType.FAIL, 0);
    read(whole("666", 30));
    Workload.Verdict v = verdict();
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("saw value 666, which no client wrote");
  }

  @Test
  void anIndeterminateWriteSeenWholeIsFine() {
    enough();
    write("555", OpType.INFO, 0);
    read(whole("555", 22));
    Workload.Verdict v = verdict();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
  }

  /** A partitioned member's whole but old snapshot, read after a newer write was acknowledged: a stale read. */
  @Test
  void aSnapshotOlderThanAnAcknowledgedWriteIsCaught() {
    enough();
    read(whole("105", 7));
    Workload.Verdict v = verdict();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("went back: rev 7 after p0 write").contains("ended at rev 21");
    assertThat(v.failureWhat()).isEqualTo("went back");
  }

  @Test
  void anEmptySnapshotAfterAnAcknowledgedWriteIsCaught() {
    enough();
    read(List.of());
    assertThat(verdict().details()).contains("went back: rev 0");
  }

  @Test
  void aReadOlderThanAnEarlierReadIsCaught() {
    enough();
    write("555", OpType.INFO, 0);
    read(whole("555", 22));
    read(whole("119", 21)); // the indeterminate write at 22 was seen, then unseen
    assertThat(verdict().details()).contains("went back: rev 21 after p1 read");
  }

  /** A read concurrent with a write may be linearized before it: the older snapshot is fine. */
  @Test
  void aReadOverlappingAWriteMayShowTheSnapshotBeforeIt() {
    enough();
    invoke("1", "read", null);
    write("200", OpType.OK, 22);
    complete("1", "read", OpType.OK, whole("119", 21));
    read(whole("200", 22));
    Workload.Verdict v = verdict();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
  }

  /** An indeterminate write seen at the revision an acknowledged one owns: two txns at one revision. */
  @Test
  void anIndeterminateWriteAtAnAcknowledgedRevisionIsCaught() {
    enough();
    write("555", OpType.INFO, 0);
    invoke("2", "read", null);
    complete("2", "read", OpType.OK, whole("555", 21)); // concurrent with nothing older: not a went-back
    Workload.Verdict v = verdict();
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("two txns at one revision");
  }
}
