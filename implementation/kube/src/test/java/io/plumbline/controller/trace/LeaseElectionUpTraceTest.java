package io.plumbline.controller.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.controller.ElectionBug;
import io.plumbline.controlplane.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation of a real {@code up} plane against {@code spec/election/LeaseElection.tla}:
 * the controller managers are separate processes, started by {@code up} with its own command
 * lines, each tracing its election and fenced writes to its own file, and each API server's fence
 * traces to its own; the files are merged by Lease revision ({@link TraceMerge}) and checked with
 * TLC. One plane serves both tests (see {@link UpElectionRun}, {@link FreshLeaseElection}).
 *
 * <p>The accepted run: the leader is SIGSTOPped while it holds a decided write, past its lease;
 * once the next leader's writes land it is SIGCONTed, sends its stale write (the fence refuses
 * it: {@code WriteRejected}) and steps down; the next leader is SIGKILLed and a third leadership's
 * writes land. The trace must be a behaviour of the spec and must hold the refusal, else the run
 * is VACUOUS; the same trace without its refusals is shown to be VACUOUS. A fence that lets the
 * stale write land is caught by {@link LeaseElectionTraceValidationTest}.
 *
 * <p>The rejected run: two more controller-manager processes, with {@code up}'s command line plus
 * {@code --injected-election-bug ACQUIRE_BEFORE_EXPIRY}, elect through a fresh Lease on the same
 * plane; the leader is SIGSTOPped until the other acquires, then SIGCONTed (so the step the stop
 * caught, maybe a Lease write the other read, reaches its trace), and the early acquire must be
 * rejected.
 *
 * <p>Each run leaves its trace files, merged trace, generated module and TLC config in
 * {@code target/election-traces/<run>/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaseElectionUpTraceTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) static Path dir; // the plane's logs stay on failure
  static Path evidence;
  static UpElectionRun run;

  @BeforeAll
  static void up() throws Exception {
    evidence = LeaseElectionTraceValidationTest.evidence("up-accepted");
    run = new UpElectionRun(dir.resolve("plane"), evidence.resolve("traces"), 2);
  }

  @AfterAll
  static void down() throws Exception {
    if (run != null) {
      run.close();
    }
  }

  @Test
  @Order(1) // first: its trace then spans only its own run, and its processes stop before the next
  void anUpRunWhoseDeposedLeaderSendsAStaleWriteIsABehaviourOfTheSpec() throws Exception {
    Component first = run.awaitHolderOtherThan("");
    run.createReplicationController("traced", 1);
    run.awaitMore("WriteLands", 1);
    long stale = run.stopWhileAWriteIsHeld(first, () -> run.scale("traced", 2));
    Component second = run.awaitHolderOtherThan(first.name());
    run.awaitFenceAbove("WriteLands", run.maxFenceTerm("WriteLands")); // the new leader's
    run.resume(first); // sends its held write, stamped with its old term
    boolean refused = run.awaitFenceAt("WriteRejected", stale);
    run.awaitStepDown(first);
    run.scale("traced", 3);
    run.kill(second);
    run.awaitHolderOtherThan(second.name());
    run.scale("traced", 4);
    run.awaitFenceAbove("WriteLands", run.maxFenceTerm("WriteLands")); // the third leader's
    run.killControllerManagers(); // the trace files are complete
    List<TraceMerge.Entry> trace = run.merged();

    assertThat(trace.stream().map(TraceMerge.Entry::action).collect(Collectors.toSet()))
        .as("the run takes every traced action")
        .contains("Get", "UpdateSucceeds", "StepDown", "StartWrite", "WriteLands");
    assertThat(trace.stream().filter(e -> e.action().equals("WriteLands"))
        .map(TraceMerge.Entry::term).distinct().count())
        .as("leaderships whose writes landed").isGreaterThanOrEqualTo(3);
    TraceLeaseElectionCheck.Result r = LeaseElectionTraceValidationTest.saveAndCheck(trace,
        evidence, UpElectionRun.TIMING, Set.of("WriteRejected"), "LeaseElection trace of an up "
            + "run, " + trace.size() + " events from " + files(evidence) + " trace files");
    assertThat(r.verdict()).as(r.detail() + (refused ? ""
        : " (no fence refused the held write of term " + stale + ")"))
        .isEqualTo(TraceLeaseElectionCheck.Verdict.ACCEPTED);

    List<TraceMerge.Entry> withoutRefusals = trace.stream()
        .filter(e -> !e.action().equals("WriteRejected")).toList();
    TraceLeaseElectionCheck.Result blind = TraceLeaseElectionCheck.unlessVacuous(
        new TraceLeaseElectionCheck.Result(TraceLeaseElectionCheck.Verdict.ACCEPTED, "all "
            + withoutRefusals.size() + " events matched"), withoutRefusals, Set.of("WriteRejected"));
    System.out.println("the same trace without its WriteRejected, if TLC accepted it: " + blind);
    assertThat(blind.verdict()).as("a trace without a refusal proves nothing about the fence")
        .isEqualTo(TraceLeaseElectionCheck.Verdict.VACUOUS);
  }

  @Test
  @Order(2)
  void controllerManagersThatAcquireBeforeTheLeaseExpiredAreRejected() throws Exception {
    Path bugEvidence = LeaseElectionTraceValidationTest.evidence("up-acquire-before-expiry");
    List<TraceMerge.Entry> trace;
    try (FreshLeaseElection election = new FreshLeaseElection(run, "election-bug",
        List.of("cm-3", "cm-4"), Set.of(ElectionBug.ACQUIRE_BEFORE_EXPIRY),
        bugEvidence.resolve("traces"))) {
      String first = election.awaitHolderOtherThan("");
      election.stop(first);
      election.awaitHolderOtherThan(first);
      election.resume(first); // its step the stop caught reaches its trace
      trace = election.killAndMerge();
    }

    TraceLeaseElectionCheck.Result r = LeaseElectionTraceValidationTest.saveAndCheck(trace,
        bugEvidence, UpElectionRun.TIMING, "LeaseElection trace of controller managers with "
            + "--injected-election-bug ACQUIRE_BEFORE_EXPIRY on an up plane");
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.REJECTED);
    assertThat(r.detail()).as("the first unmatched event is the early acquire")
        .contains("action=Get").contains("intent=acquire");
  }

  private static long files(Path evidence) throws java.io.IOException {
    try (var f = Files.list(evidence.resolve("traces"))) {
      return f.count();
    }
  }
}
