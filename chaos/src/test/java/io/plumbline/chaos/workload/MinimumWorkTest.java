package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.run.Evidence;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The minimum-work rules, with their numbers written out (not read from the constants, so lowering
 * a constant fails here): a run with one less than each minimum is unknown and says which minimum it
 * missed; a run with exactly the minimum and nothing wrong is valid.
 */
class MinimumWorkTest {
  /** {@code n} serial acknowledged writes to keys 0..n-1, each read back. */
  private static History registerWrites(int n, boolean etcd) {
    List<Op> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object key = etcd ? Long.toString(i) : (Object) (long) i;
      Object value = etcd ? Long.toString(i + 100) : (Object) (long) (i + 100);
      e.add(new Op(e.size(), "1", OpType.INVOKE, etcd ? "put" : "write", value, key, (long) e.size(), null, Map.of()));
      e.add(new Op(e.size(), "1", OpType.OK, etcd ? "put" : "write", value, key, (long) e.size(), null, Map.of()));
      e.add(new Op(e.size(), "2", OpType.INVOKE, etcd ? "get" : "read", null, key, (long) e.size(), null, Map.of()));
      e.add(new Op(e.size(), "2", OpType.OK, etcd ? "get" : "read", value, key, (long) e.size(), null, Map.of()));
    }
    return new History("writes", e);
  }

  @Test
  void registerAndEtcdKvNeedTwentyAcknowledgedWrites() {
    Workload.Verdict reg19 = new RegisterWorkload("/t", Duration.ofSeconds(1)).check(registerWrites(19, false));
    assertThat(reg19.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(reg19.summary()).contains("too little evidence (at least 20 acknowledged writes needed, 19 seen)");
    assertThat(new RegisterWorkload("/t", Duration.ofSeconds(1)).check(registerWrites(20, false)).validity())
        .isEqualTo(Validity.TRUE);
    Workload.Verdict kv19 = new EtcdKvWorkload("/t", Duration.ofSeconds(1)).check(registerWrites(19, true));
    assertThat(kv19.validity()).as(kv19.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(kv19.summary()).contains("at least 20 acknowledged writes needed, 19 seen");
    Workload.Verdict kv20 = new EtcdKvWorkload("/t", Duration.ofSeconds(1)).check(registerWrites(20, true));
    assertThat(kv20.validity()).as(kv20.summary()).isEqualTo(Validity.TRUE);
  }

  @Test
  void watchNeedsFiftyAcknowledgedWritesAndAWatcher() {
    WatchWrite w = new WatchWrite(List.of("k0"), "10", 2, true);
    Workload.Verdict v49 = WatchChecker.verdict(List.of(), 1, Collections.nCopies(49, w), 0);
    assertThat(v49.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v49.summary()).contains("at least 50 acknowledged writes and one watcher needed", "49 acknowledged");
    assertThat(WatchChecker.verdict(List.of(), 1, Collections.nCopies(50, w), 0).validity()).isEqualTo(Validity.TRUE);
    assertThat(WatchChecker.verdict(List.of(), 0, Collections.nCopies(50, w), 0).validity())
        .isEqualTo(Validity.UNKNOWN);
  }

  /** {@code writes} txn writes and {@code reads} reads of the latest one. */
  private static History txns(int writes, int reads) {
    List<Op> ev = new ArrayList<>();
    for (int i = 0; i < Math.max(writes, reads); i++) {
      int w = Math.min(i, writes - 1);
      String v = Integer.toString(100 + w);
      long rev = 2 + w;
      if (i < writes) {
        ev.add(new Op(ev.size(), "0", OpType.INVOKE, "write", v, "all", null, null, Map.of()));
        ev.add(new Op(ev.size(), "0", OpType.OK, "write", List.of(v, rev), "all", null, null, Map.of()));
      }
      if (i < reads) {
        ev.add(new Op(ev.size(), "1", OpType.INVOKE, "read", null, "all", null, null, Map.of()));
        ev.add(new Op(ev.size(), "1", OpType.OK, "read",
            List.of(List.of("k0", v, rev), List.of("k1", v, rev), List.of("k2", v, rev)), "all", null, null, Map.of()));
      }
    }
    return new History("txns", ev);
  }

  @Test
  void txnNeedsTwentyAcknowledgedWritesAndTwentyReads() {
    assertThat(TxnChecker.check(txns(20, 20), 3).validity()).isEqualTo(Validity.TRUE);
    for (History h : List.of(txns(19, 20), txns(20, 19))) {
      Workload.Verdict v = TxnChecker.check(h, 3);
      assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
      assertThat(v.summary()).contains("at least 20 acknowledged writes and reads needed");
    }
  }

  @Test
  void lockNeedsOneAcknowledgedIncrement() {
    List<Op> none = List.of(
        new Op(0, "1", OpType.INVOKE, "incr", null, null, 0L, null, Map.of()),
        new Op(1, "1", OpType.FAIL, "incr", null, null, 1L, null, Map.of()),
        new Op(2, "1", OpType.INVOKE, "read", null, null, 2L, null, Map.of()),
        new Op(3, "1", OpType.OK, "read", 0L, null, 3L, null, Map.of()));
    Workload.Verdict v0 = LockChecker.check("lock", new History("none", none));
    assertThat(v0.validity()).isEqualTo(Validity.UNKNOWN);
    List<Op> one = List.of(
        new Op(0, "1", OpType.INVOKE, "incr", null, null, 0L, null, Map.of()),
        new Op(1, "1", OpType.OK, "incr", 1L, null, 1L, null, Map.of()),
        new Op(2, "1", OpType.INVOKE, "read", null, null, 2L, null, Map.of()),
        new Op(3, "1", OpType.OK, "read", 1L, null, 3L, null, Map.of()));
    assertThat(LockChecker.check("lock", new History("one", one)).validity()).isEqualTo(Validity.TRUE);
  }

  /** The runner's evidence rule: 50 ok operations in the fault phase (the lock workloads: 20). */
  @Test
  void aFaultPhaseNeedsFiftyOkOperationsOrTwentyForTheLock() {
    FaultWindow kill = new FaultWindow(FaultKind.KILL, 6_900, 4_000, "members", List.of(1), false, 1);
    TimelineEntry ran = new TimelineEntry(FaultKind.KILL, "kill [1]", 6_900_000_000L, 10_900_000_000L,
        6_900_000_000L, 10_900_000_000L, null);
    long register = new RegisterWorkload("/t", Duration.ofSeconds(1)).minimumOkOperations();
    long lock = new LockWorkload(false, "/t", Duration.ofSeconds(1), 0).minimumOkOperations();
    Workload.Verdict v49 = Evidence.judgeDescribed(List.of(kill.describe()), List.of(ran), 49, register);
    assertThat(v49.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v49.details()).contains("49 ok operation(s) during the fault phase, at least 50 needed");
    assertThat(Evidence.judgeDescribed(List.of(kill.describe()), List.of(ran), 50, register).validity())
        .isEqualTo(Validity.TRUE);
    assertThat(Evidence.judgeDescribed(List.of(kill.describe()), List.of(ran), 19, lock).validity())
        .isEqualTo(Validity.UNKNOWN);
    assertThat(Evidence.judgeDescribed(List.of(kill.describe()), List.of(ran), 20, lock).validity())
        .isEqualTo(Validity.TRUE);
  }
}
