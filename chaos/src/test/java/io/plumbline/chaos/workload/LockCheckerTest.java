package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hostile histories for the lock checker: a lost update that indeterminate increments would cover
 * in the count, a counter that goes back, a value no run of increments can make, and the evidence
 * rules (no acknowledged increment, no final read). CheckersBiteTest holds the first known-bad ones.
 */
class LockCheckerTest {
  private final List<Op> events = new ArrayList<>();

  private void ev(int p, OpType type, String f, Object value) {
    events.add(new Op(events.size(), Integer.toString(p), type, f, value, null, (long) events.size() * 1000, null,
        Map.of()));
  }

  private void incr(int p, OpType outcome, Long value) {
    ev(p, OpType.INVOKE, "incr", null);
    ev(p, outcome, "incr", value);
  }

  private void read(int p, long value) {
    ev(p, OpType.INVOKE, "read", null);
    ev(p, OpType.OK, "read", value);
  }

  private Workload.Verdict check() {
    return LockChecker.check("lock", new History("t", events));
  }

  /**
   * The stalled holder (lease expired, another took the lock) writes its stale count after a newer
   * one and then times out: p4 read 3 and wrote 4 over p6's 5. The count (4 ok + 2 indeterminate
   * may make 4..6) and the values (no two acknowledged alike) say nothing; the counter went back.
   */
  @Test
  void aLostUpdateHiddenByIndeterminateIncrementsIsCaught() {
    incr(1, OpType.OK, 1L);
    incr(2, OpType.OK, 2L);
    incr(3, OpType.OK, 3L);
    ev(4, OpType.INVOKE, "incr", 3500L); // stalls past its lease
    incr(5, OpType.INFO, null);
    incr(6, OpType.OK, 5L);
    ev(4, OpType.INFO, "incr", 3500L);
    read(1, 4);
    Workload.Verdict v = check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("went back: p1 read");
    assertThat(v.failure().operation().describe()).startsWith("p1 read");
  }

  @Test
  void aReadBelowAnEarlierReadIsCaught() {
    incr(1, OpType.OK, 1L);
    incr(2, OpType.INFO, null);
    incr(3, OpType.INFO, null);
    read(1, 3);
    read(2, 1);
    assertThat(check().validity()).isEqualTo(Validity.FALSE);
  }

  /** Three acknowledged increments make at most 3: one that says it wrote 4 read a count nobody wrote. */
  @Test
  void anIncrementThatWritesAValueNoRunOfIncrementsMakesIsCaught() {
    incr(1, OpType.OK, 1L);
    incr(2, OpType.OK, 2L);
    ev(3, OpType.INVOKE, "incr", null);
    read(1, 2);
    ev(2, OpType.INVOKE, "read", null); // the final read, concurrent with p3: the count (3) and order say nothing
    ev(3, OpType.OK, "incr", 4L);
    ev(2, OpType.OK, "read", 3L);
    Workload.Verdict v = check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("too high: p3 incr nil -> 4").contains("can make at most 3");
  }

  @Test
  void concurrentIncrementsAndReadsInAnyOrderOfCompletionAreFine() {
    ev(1, OpType.INVOKE, "incr", null);
    ev(2, OpType.INVOKE, "incr", null);
    ev(3, OpType.INVOKE, "read", null);
    ev(2, OpType.OK, "incr", 2L); // p1 took the lock first, p2 second; p2's answer came first
    ev(3, OpType.OK, "read", 1L); // the read ran between them
    ev(1, OpType.OK, "incr", 1L);
    read(1, 2);
    assertThat(check().validity()).as(check().summary()).isEqualTo(Validity.TRUE);
  }

  @Test
  void noAcknowledgedIncrementIsUnknownNotValid() {
    incr(1, OpType.FAIL, null);
    incr(2, OpType.INFO, null);
    read(1, 0);
    Workload.Verdict v = check();
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("no acknowledged increment");
  }

  @Test
  void noSuccessfulFinalReadIsNeverValid() {
    incr(1, OpType.OK, 1L);
    ev(1, OpType.INVOKE, "read", null);
    ev(1, OpType.INFO, "read", null);
    Workload.Verdict v = check();
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("no final read of the counter succeeded");
  }

  /** The last read is the final count; an earlier, higher one is the counter going back, not the count. */
  @Test
  void theFinalCountIsTheLastRead() {
    incr(1, OpType.OK, 1L);
    incr(2, OpType.OK, 2L);
    read(1, 2);
    read(1, 1);
    Workload.Verdict v = check();
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.summary()).contains("final counter 1");
  }
}
