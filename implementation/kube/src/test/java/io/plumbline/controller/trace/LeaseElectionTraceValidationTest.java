package io.plumbline.controller.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.controller.ElectionBug;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation of the Java lease election against {@code spec/election/LeaseElection.tla}:
 * a run of three candidates with pauses, lease expiries and a deposed leader is a behaviour of
 * the spec (TLC finds it); the same run with a candidate that acquires a lease before it expired
 * is not.
 */
class LeaseElectionTraceValidationTest {
  static final long SEED = 7;
  static final int CANDIDATES = 3;
  static final int TICKS = 40;

  @Test
  void aRunWithPausesExpiriesAndADeposedLeaderIsABehaviourOfTheSpec(@TempDir Path dir) {
    List<ElectionRun.Event> events = ElectionRun.record(SEED, CANDIDATES, TICKS, Set.of());
    Set<String> actions = events.stream().map(ElectionRun.Event::action).collect(Collectors.toSet());
    assertThat(actions).as("the run takes every traced action")
        .contains("Get", "UpdateSucceeds", "UpdateConflicts", "StepDown");
    assertThat(events.stream().filter(e -> e.action().equals("UpdateSucceeds"))
        .map(ElectionRun.Event::transitions).distinct().count())
        .as("leaderships (lease transitions) in the run").isGreaterThanOrEqualTo(3);

    assertThat(deposed(events)).as("a leader steps down after another took its lease").isTrue();

    TraceLeaseElectionCheck.Result r = TraceLeaseElectionCheck.check(events, CANDIDATES, dir);

    System.out.println("LeaseElection trace, " + events.size() + " events: " + r);
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.ACCEPTED);
  }

  @Test
  void aCandidateThatAcquiresBeforeTheLeaseExpiredIsRejected(@TempDir Path dir) {
    List<ElectionRun.Event> events = ElectionRun.record(SEED, CANDIDATES, TICKS,
        Set.of(ElectionBug.ACQUIRE_BEFORE_EXPIRY));

    TraceLeaseElectionCheck.Result r = TraceLeaseElectionCheck.check(events, CANDIDATES, dir);

    System.out.println("LeaseElection trace with ACQUIRE_BEFORE_EXPIRY: " + r);
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.REJECTED);
    assertThat(r.detail()).as("the first unmatched event is the early acquire")
        .contains("action=Get").contains("intent=acquire");
  }

  /** Whether some StepDown comes after another candidate acquired a higher lease transition. */
  private static boolean deposed(List<ElectionRun.Event> events) {
    java.util.Map<String, Long> term = new java.util.HashMap<>();
    long highest = 0;
    for (ElectionRun.Event e : events) {
      if (e.action().equals("UpdateSucceeds")) {
        term.put(e.candidate(), e.transitions());
        highest = Math.max(highest, e.transitions());
      } else if (e.action().equals("StepDown") && term.getOrDefault(e.candidate(), 0L) < highest) {
        return true;
      }
    }
    return false;
  }
}
