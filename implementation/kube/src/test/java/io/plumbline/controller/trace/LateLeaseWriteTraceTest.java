package io.plumbline.controller.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.api.LeaseTraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A renew whose answer timed out lands in the store after its candidate moved on: the order a
 * loaded machine produced in a real multi-process run (the timed-out renew landed after the same
 * candidate's next Get, which still read the older record, and before its next Update, which then
 * conflicted). The trace is written by hand, event for event in the shape
 * {@link io.plumbline.controller.LeaderElector} emits, so the order is certain (a real run
 * produces it only under heavy load); {@link TraceMerge} places the landing from the store's
 * evidence and TLC checks it against {@code spec/election/LeaseElection.tla}. The same run with
 * the late write landing after the Lease moved past the revision it read (a store or client
 * without compare-and-swap) must be rejected.
 */
class LateLeaseWriteTraceTest {
  /** Epoch ms of the run's first event: the merge measures clocks from it. */
  private static final long T = 1_700_000_000_000L;
  private static final TraceLeaseElectionCheck.Timing TIMING =
      TraceLeaseElectionCheck.Timing.of(3000, 1200);

  @Test
  void aTimedOutRenewLandingAfterItsWritersNextGetIsAccepted() throws Exception {
    List<TraceMerge.Sourced> run = new ArrayList<>(acquiredThenRenewTimedOut());
    run.add(cm1(5, get(800, "cm-1", 10, 1, "renew", 2))); // the renew has not landed yet
    run.add(cm1(6, ev("UpdateConflicts", "cm-1", 810, "", 0, 0, "", -1))); // it landed meanwhile
    run.add(cm1(7, get(1200, "cm-1", 410, 1, "renew", 3))); // the store shows it: revision 3
    run.add(cm1(8, ev("UpdateSucceeds", "cm-1", 1210, "cm-1", T + 1210, 1, "", 4)));
    run.add(cm2(1, get(500, "cm-1", 10, 1, "none", 2)));
    run.add(cm2(2, get(1000, "cm-1", 410, 1, "none", 3)));

    List<TraceMerge.Entry> trace = TraceMerge.merge(run);
    List<String> order = trace.stream().map(e -> e.action() + "@" + e.clock()).toList();
    assertThat(order).as("the landing goes after the writer's next Get, before its conflict")
        .containsSubsequence("UpdateUnanswered@410", "Get@800", "UnansweredLands@0",
            "UpdateConflicts@810", "Get@1200");

    TraceLeaseElectionCheck.Result r = LeaseElectionTraceValidationTest.saveAndCheck(trace,
        LeaseElectionTraceValidationTest.evidence("late-lease-write"), TIMING,
        "LeaseElection trace with a timed-out renew landing after its writer's next Get");
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.ACCEPTED);
  }

  @Test
  void aTimedOutRenewLandingAfterTheLeaseMovedOnIsRejected() throws Exception {
    List<TraceMerge.Sourced> run = new ArrayList<>(acquiredThenRenewTimedOut());
    run.add(cm1(5, get(800, "cm-1", 10, 1, "renew", 2)));
    run.add(cm1(6, ev("UpdateSucceeds", "cm-1", 810, "cm-1", T + 810, 1, "", 3)));
    // revision 4 carries the renew of 410: it compared against revision 2, which was gone
    run.add(cm1(7, get(1200, "cm-1", 410, 1, "renew", 4)));
    run.add(cm2(1, get(1000, "cm-1", 410, 1, "none", 4)));

    TraceLeaseElectionCheck.Result r = LeaseElectionTraceValidationTest.saveAndCheck(
        TraceMerge.merge(run), LeaseElectionTraceValidationTest.evidence("late-lease-write-no-cas"),
        TIMING, "LeaseElection trace with a late Lease write that skipped its compare-and-swap");
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.REJECTED);
    assertThat(r.detail()).as("the first unmatched event is the landing")
        .contains("action=UnansweredLands");
  }

  /** cm-1 acquires the empty Lease (revision 2), reads its record and its renew times out. */
  private static List<TraceMerge.Sourced> acquiredThenRenewTimedOut() {
    return List.of(
        cm1(1, get(0, "", -1, 0, "acquire", 1)),
        cm1(2, ev("UpdateSucceeds", "cm-1", 10, "cm-1", T + 10, 1, "", 2)),
        cm1(3, get(400, "cm-1", 10, 1, "renew", 2)),
        cm1(4, ev("UpdateUnanswered", "cm-1", 410, "cm-1", T + 410, 1, "", -1)));
  }

  /** A Get at {@code at} ms reading revision {@code rev} (renewed at {@code renewed} ms, -1: never). */
  private static LeaseTraceEvent get(long at, String holder, long renewed, long transitions,
      String intent, long rev) {
    return ev("Get", "", at, holder,
        renewed < 0 ? 0 : T + renewed, transitions, intent, rev);
  }

  /** An event at {@code at} ms into the run; {@link #as} names its actor. */
  private static LeaseTraceEvent ev(String action, String actor, long at, String holder,
      long renewTimeMs, long transitions, String intent, long rev) {
    return new LeaseTraceEvent(action, actor, T + at, holder, renewTimeMs, transitions, intent,
        rev, 0, -1);
  }

  private static TraceMerge.Sourced cm1(long seq, LeaseTraceEvent e) {
    return as("cm-1", seq, e);
  }

  private static TraceMerge.Sourced cm2(long seq, LeaseTraceEvent e) {
    return as("cm-2", seq, e);
  }

  /** {@code e} as emitted by {@code actor}'s process, numbered {@code seq} there. */
  private static TraceMerge.Sourced as(String actor, long seq, LeaseTraceEvent e) {
    return new TraceMerge.Sourced(actor + ".ndjson", seq, new LeaseTraceEvent(e.action(), actor,
        e.clockMs(), e.holder(), e.renewTimeMs(), e.transitions(), e.intent(), e.leaseRevision(),
        e.term(), e.writeRevision()));
  }
}
