package io.plumbline.controller.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.controller.ElectionBug;
import io.plumbline.controlplane.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace validation of real {@code up} runs against {@code spec/election/LeaseElection.tla}: the
 * controller managers are separate processes, started by {@code up} with its own command lines,
 * each tracing its election and fenced writes to its own file, and each API server's fence
 * traces to its own; the files are merged by Lease revision ({@link TraceMerge}) and checked with
 * TLC. A run where the leader is SIGSTOPped past its lease, SIGCONTed (the deposed leader resumes
 * and acts until it notices) and the next leader SIGKILLed is a behaviour of the spec; the same
 * processes with {@code ACQUIRE_BEFORE_EXPIRY} switched on by their command line are rejected.
 * Each run leaves its trace files, merged trace, generated module and TLC config in
 * {@code target/election-traces/<run>/}.
 */
class LeaseElectionUpTraceTest {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir; // the planes' logs stay when it fails

  @Test
  void anUpRunWithAStoppedAndAKilledLeaderIsABehaviourOfTheSpec() throws Exception {
    Path evidence = LeaseElectionTraceValidationTest.evidence("up-accepted");
    List<TraceMerge.Entry> trace;
    try (UpElectionRun run = new UpElectionRun(dir.resolve("plane"), evidence.resolve("traces"), 2,
        Set.of())) {
      Component first = run.awaitHolderOtherThan("");
      run.createReplicationController("traced", 2);
      run.awaitMore("WriteLands", 2);
      run.stop(first);
      run.scale("traced", 4); // work waiting for whoever leads, the stopped one included
      Component second = run.awaitHolderOtherThan(first.name());
      run.awaitMore("WriteLands", 2);
      run.resume(first);
      run.awaitStepDown(first);
      run.scale("traced", 6);
      run.kill(second);
      run.awaitHolderOtherThan(second.name());
      run.scale("traced", 8);
      run.awaitMore("WriteLands", 2);
      trace = run.merged();
    }
    assertThat(trace.stream().map(TraceMerge.Entry::action).collect(Collectors.toSet()))
        .as("the run takes every traced action")
        .contains("Get", "UpdateSucceeds", "StepDown", "StartWrite", "WriteLands");
    assertThat(trace.stream().filter(e -> e.action().equals("WriteLands"))
        .map(TraceMerge.Entry::term).distinct().count())
        .as("leaderships whose writes landed").isGreaterThanOrEqualTo(3);

    TraceLeaseElectionCheck.Result r = LeaseElectionTraceValidationTest.saveAndCheck(trace,
        evidence, UpElectionRun.TIMING, "LeaseElection trace of an up run, " + trace.size()
            + " events from " + files(evidence) + " trace files");
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.ACCEPTED);
  }

  @Test
  void controllerManagersThatAcquireBeforeTheLeaseExpiredAreRejected() throws Exception {
    Path evidence = LeaseElectionTraceValidationTest.evidence("up-acquire-before-expiry");
    List<TraceMerge.Entry> trace;
    try (UpElectionRun run = new UpElectionRun(dir.resolve("plane"), evidence.resolve("traces"), 2,
        Set.of(ElectionBug.ACQUIRE_BEFORE_EXPIRY))) {
      Component first = run.awaitHolderOtherThan("");
      run.stop(first);
      run.awaitHolderOtherThan(first.name());
      trace = run.merged();
    }

    TraceLeaseElectionCheck.Result r = LeaseElectionTraceValidationTest.saveAndCheck(trace,
        evidence, UpElectionRun.TIMING, "LeaseElection trace of an up run with "
            + "--injected-election-bug ACQUIRE_BEFORE_EXPIRY");
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
