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

/** The lease checker judges from the clients' clock, and bites when a key goes before its TTL. */
class LeaseCheckerTest {
  /** An attach of key "a" (6 s lease) at 1.0–1.1 s, then {@code reads} reads 0.2 s apart from 1.2 s, each listing {@code alive}. */
  private static List<Op> attachThenReads(int reads, double goneAfter) {
    List<Op> e = new ArrayList<>();
    add(e, "0", OpType.INVOKE, "attach", "a", 1.0);
    add(e, "0", OpType.OK, "attach", List.of("a", 6L), 1.1);
    for (int i = 0; i < reads; i++) {
      double t = 1.2 + 0.2 * i;
      add(e, "1", OpType.INVOKE, "read", null, t);
      add(e, "1", OpType.OK, "read", t + 0.05 < goneAfter ? List.of("a") : List.of(), t + 0.05);
    }
    return e;
  }

  private static void add(List<Op> e, String p, OpType t, String f, Object v, double s) {
    e.add(new Op(e.size(), p, t, f, v, null, (long) (s * 1e9), null, Map.of()));
  }

  @Test
  void keysThatLiveTheirTtlAreValid() {
    Workload.Verdict v = LeaseChecker.check(new History("ok", attachThenReads(25, 99)));
    assertThat(v.validity()).isEqualTo(Validity.TRUE);
    assertThat(v.summary()).contains("25 (attach, read) pairs");
  }

  @Test
  void aKeyGoneAfterAQuarterOfItsTtlIsInvalid() {
    // early-lease-expiry: 6 s / 4 = 1.5 s after the grant
    Workload.Verdict v = LeaseChecker.check(new History("early", attachThenReads(25, 1.0 + 1.5)));
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("key a (lease of 6 s granted by an attach invoked at 1.000 s");
    assertThat(v.failure().operation().f()).isEqualTo("read"); // the read that missed the key, marked in the report
    assertThat(v.failureWhat()).isEqualTo("missed a key inside its lease's TTL");
  }

  @Test
  void aKeyGoneAfterItsTtlIsFine() {
    // reads run to 1.2 + 0.2*39 = 9 s; the key goes at 7.0 s, its TTL's end: reads after it do not count
    Workload.Verdict v = LeaseChecker.check(new History("late", attachThenReads(40, 7.0)));
    assertThat(v.validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void tooFewPairsOrClockFaultsAreUnknown() {
    assertThat(LeaseChecker.check(new History("few", attachThenReads(5, 99))).validity())
        .isEqualTo(Validity.UNKNOWN);
    List<Op> withClock = attachThenReads(25, 2.5);
    withClock.add(new Op(withClock.size(), "nemesis", OpType.INFO, "start-clock", "clock +5s on [0]", null, null,
        null, Map.of()));
    Workload.Verdict v = LeaseChecker.check(new History("clock", withClock));
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("clock faults");
  }

  /** A violation is a violation however few pairs the run checked: invalid wins over "too little evidence". */
  @Test
  void aKeyGoneEarlyWithFewPairsIsInvalidNotUnknown() {
    Workload.Verdict v = LeaseChecker.check(new History("early, short", attachThenReads(5, 1.5)));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
  }

  /** An indeterminate attach promises nothing (its put may never land) and has no granted TTL to read. */
  @Test
  void anIndeterminateAttachBindsNothing() {
    List<Op> e = attachThenReads(25, 99);
    add(e, "2", OpType.INVOKE, "attach", "b", 1.0);
    add(e, "2", OpType.INFO, "attach", "b", 3.0);
    Workload.Verdict v = LeaseChecker.check(new History("info", e));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
  }

  /** A read that began before the attach was acknowledged may run before the put: missing the key is fine. */
  @Test
  void aReadConcurrentWithTheAttachMayMissTheKey() {
    List<Op> e = attachThenReads(25, 99);
    List<Op> concurrent = new ArrayList<>();
    add(concurrent, "0", OpType.INVOKE, "attach", "a", 1.0);
    add(concurrent, "2", OpType.INVOKE, "read", null, 1.05);
    add(concurrent, "0", OpType.OK, "attach", List.of("a", 6L), 1.1);
    add(concurrent, "2", OpType.OK, "read", List.of(), 1.15);
    concurrent.addAll(e.subList(2, e.size()));
    List<Op> renumbered = new ArrayList<>();
    concurrent.forEach(o -> renumbered.add(new Op(renumbered.size(), o.process(), o.type(), o.f(), o.value(), null,
        o.timeNanos(), null, Map.of())));
    Workload.Verdict v = LeaseChecker.check(new History("concurrent", renumbered));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
  }

  /** Expired at its TTL's end (7.0 s), then listed again: a deleted key came back (a stale member's list). */
  @Test
  void aKeyThatComesBackAfterItsLeaseEndedIsInvalid() {
    List<Op> e = attachThenReads(40, 7.0);
    add(e, "1", OpType.INVOKE, "read", null, 9.5);
    add(e, "1", OpType.OK, "read", List.of("a"), 9.55);
    Workload.Verdict v = LeaseChecker.check(new History("back", e));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("came back: key a missing from p1 read");
    assertThat(v.failure().operation().completion().timeNanos()).isEqualTo(9_550_000_000L);
  }

  @Test
  void aKeyNoAttachWroteIsInvalid() {
    List<Op> failed = attachThenReads(25, 99);
    add(failed, "2", OpType.INVOKE, "attach", "b", 1.0);
    add(failed, "2", OpType.FAIL, "attach", "b", 1.1); // definitely not written
    add(failed, "1", OpType.INVOKE, "read", null, 8.0);
    add(failed, "1", OpType.OK, "read", List.of("b"), 8.1);
    assertThat(LeaseChecker.check(new History("failed", failed)).details()).contains("phantom: p1 read");
    List<Op> future = new ArrayList<>();
    add(future, "1", OpType.INVOKE, "read", null, 0.5);
    add(future, "1", OpType.OK, "read", List.of("a"), 0.6); // before the attach of a was even invoked
    attachThenReads(25, 99).forEach(o -> future.add(new Op(future.size(), o.process(), o.type(), o.f(), o.value(),
        null, o.timeNanos(), null, Map.of())));
    Workload.Verdict v = LeaseChecker.check(new History("future", future));
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("phantom");
  }
}
