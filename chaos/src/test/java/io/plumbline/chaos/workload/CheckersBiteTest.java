package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Budget;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.Validity;
import io.plumbline.checker.model.RegisterModel;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Known-bad histories: the chaos checkers must catch them (and pass their good twins). */
class CheckersBiteTest {
  private final List<Op> events = new ArrayList<>();

  private void ev(int p, OpType type, String f, Object key, Object value) {
    events.add(new Op(events.size(), Integer.toString(p), type, f, value, key, (long) events.size() * 1000, null,
        Map.of()));
  }

  @Test
  void lockCheckerCatchesTwoHoldersWritingTheSameCount() {
    ev(1, OpType.INVOKE, "incr", null, null);
    ev(2, OpType.INVOKE, "incr", null, null);
    ev(1, OpType.OK, "incr", null, 1L);
    ev(2, OpType.OK, "incr", null, 1L);
    ev(1, OpType.INVOKE, "read", null, null);
    ev(1, OpType.OK, "read", null, 1L);
    Workload.Verdict v = LockChecker.check("lock", new History("bad", events));
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("two holders wrote 1").contains("1 acknowledged increments were lost");
    // the report marks the second holder's increment, with the first one in its window
    assertThat(v.failure().operation().describe()).startsWith("p2 incr");
    assertThat(v.failureWhat()).isEqualTo("a second holder at once");
    assertThat(v.failure().concurrent()).extracting(o -> o.process()).contains("1");
  }

  @Test
  void lockCheckerCatchesAFinalCountAboveEveryPossibleIncrement() {
    ev(1, OpType.INVOKE, "incr", null, null);
    ev(1, OpType.OK, "incr", null, 1L);
    ev(2, OpType.INVOKE, "incr", null, null);
    ev(2, OpType.INFO, "incr", null, null);
    ev(1, OpType.INVOKE, "read", null, null);
    ev(1, OpType.OK, "read", null, 3L); // 1 acknowledged + 1 indeterminate cannot make 3
    Workload.Verdict v = LockChecker.check("lock", new History("bad", events));
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("too high");
  }

  @Test
  void lockCheckerAcceptsSerialIncrementsAndAnIndeterminateOne() {
    ev(1, OpType.INVOKE, "incr", null, null);
    ev(1, OpType.OK, "incr", null, 1L);
    ev(2, OpType.INVOKE, "incr", null, 3500L);
    ev(2, OpType.INFO, "incr", null, 3500L);
    ev(3, OpType.INVOKE, "incr", null, null);
    ev(3, OpType.OK, "incr", null, 2L);
    ev(1, OpType.INVOKE, "read", null, null);
    ev(1, OpType.OK, "read", null, 3L);
    assertThat(LockChecker.check("lock", new History("good", events)).validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void lockCheckerIgnoresAFencedIncrementThatFailed() {
    ev(1, OpType.INVOKE, "incr", null, null);
    ev(1, OpType.OK, "incr", null, 1L);
    ev(2, OpType.INVOKE, "incr", null, null);
    ev(2, OpType.FAIL, "incr", null, null); // the workload's "fenced: lock lost before the write"
    ev(1, OpType.INVOKE, "read", null, null);
    ev(1, OpType.OK, "read", null, 1L);
    assertThat(LockChecker.check("lock", new History("good", events)).validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void perKeyRegisterCatchesAStaleReadOnOneKeyAndNamesTheKey() {
    ev(1, OpType.INVOKE, "write", 7L, 1L);
    ev(1, OpType.OK, "write", 7L, 1L);
    ev(2, OpType.INVOKE, "write", 8L, 2L);
    ev(2, OpType.OK, "write", 8L, 2L);
    ev(3, OpType.INVOKE, "read", 7L, null);
    ev(3, OpType.OK, "read", 7L, 2L); // 2 was written to key 8, never to key 7
    var r = LinearizabilityChecker.check(new History("bad", events), new RegisterModel(true, null),
        Budget.ofTimeout(Duration.ofSeconds(10)));
    assertThat(r.validity()).isEqualTo(Validity.FALSE);
    assertThat(r.partitions()).isEqualTo(2);
    assertThat(Verdicts.window(r.failure())).contains("key: 7").contains("read");
  }

  /**
   * The register workload records a get of an absent key as a read of nil. Knossos reads nil as
   * "unknown" (legal in any state), which let a store that lost every acknowledged write pass.
   */
  @Test
  void registerWorkloadCatchesAnAbsentReadAfterAnAcknowledgedWrite() {
    ev(1, OpType.INVOKE, "write", 7L, 3L);
    ev(1, OpType.OK, "write", 7L, 3L);
    ev(2, OpType.INVOKE, "read", 7L, null);
    ev(2, OpType.OK, "read", 7L, null);
    Workload.Verdict v = new RegisterWorkload("/t", Duration.ofSeconds(1)).check(new History("bad", events));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
  }

  @Test
  void registerWorkloadAcceptsAnAbsentReadBeforeTheFirstWrite() {
    ev(2, OpType.INVOKE, "read", 7L, null);
    ev(2, OpType.OK, "read", 7L, null);
    ev(1, OpType.INVOKE, "write", 7L, 3L);
    ev(1, OpType.OK, "write", 7L, 3L);
    ev(2, OpType.INVOKE, "read", 7L, null);
    ev(2, OpType.OK, "read", 7L, 3L);
    acknowledgedWrites(Verdicts.MIN_ACKNOWLEDGED_WRITES);
    Workload.Verdict v = new RegisterWorkload("/t", Duration.ofSeconds(1)).check(new History("good", events));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
  }

  /** A store that refuses every write and answers every read "absent" is consistent, and proves nothing. */
  @Test
  void registerAndEtcdKvWorkloadsAreUnknownWithoutAcknowledgedWrites() {
    for (int i = 0; i < 60; i++) {
      ev(1, OpType.INVOKE, "write", 7L, (long) i);
      ev(1, OpType.FAIL, "write", 7L, (long) i);
      ev(2, OpType.INVOKE, "read", 7L, null);
      ev(2, OpType.OK, "read", 7L, null);
    }
    acknowledgedWrites(Verdicts.MIN_ACKNOWLEDGED_WRITES - 1);
    Workload.Verdict v = new RegisterWorkload("/t", Duration.ofSeconds(1)).check(new History("vacuous", events));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("too little evidence");
    List<Op> kv = new ArrayList<>();
    for (Op e : events) {
      String f = e.f().equals("read") ? "get" : "put";
      kv.add(new Op(e.index(), e.process(), e.type(), f, e.value() == null ? null : e.value().toString(), e.key().toString(),
          e.timeNanos(), null, Map.of()));
    }
    Workload.Verdict etcd = new EtcdKvWorkload("/t", Duration.ofSeconds(1)).check(new History("vacuous", kv));
    assertThat(etcd.validity()).as(etcd.summary()).isEqualTo(Validity.UNKNOWN);
  }

  /** Indeterminate writes may never have happened: they are no evidence, however many. */
  @Test
  void indeterminateWritesAreNotAcknowledgedWrites() {
    for (int i = 0; i < Verdicts.MIN_ACKNOWLEDGED_WRITES + 5; i++) {
      ev(1, OpType.INVOKE, "write", 7L, (long) i);
      ev(1, OpType.INFO, "write", 7L, (long) i);
      ev(2, OpType.INVOKE, "read", 7L, null);
      ev(2, OpType.OK, "read", 7L, null);
    }
    Workload.Verdict v = new RegisterWorkload("/t", Duration.ofSeconds(1)).check(new History("vacuous", events));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("0 seen");
  }

  private void acknowledgedWrites(int n) {
    for (int i = 0; i < n; i++) {
      ev(3, OpType.INVOKE, "write", 9L, (long) i);
      ev(3, OpType.OK, "write", 9L, (long) i);
    }
  }

  /** A linearizability search that ran out of budget decided nothing: unknown, never valid. */
  @Test
  void aCheckThatRanOutOfBudgetStaysUnknown() {
    acknowledgedWrites(25);
    History h = new History("budget", events);
    RegisterModel model = new RegisterModel(true, null, false);
    io.plumbline.checker.CheckResult spent = new io.plumbline.checker.CheckResult(Validity.UNKNOWN,
        "timeout after 60 s", model.name(), h, 50, 1, 0, 0, null);
    Workload.Verdict v = Verdicts.of("linearizable", spent, h, model);
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("timeout after 60 s");
  }
}
