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
}
