package io.plumbline.controller.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.OneMemberApiServer;
import io.plumbline.controller.ElectionBug;
import io.plumbline.controller.LeaderElector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trace validation of the real lease election and the API server's fence against
 * {@code spec/election/LeaseElection.tla}: three {@link LeaderElector}s and their fenced writers
 * against a real API server on etcd, the leader stalled past its lease and the next one killed,
 * are a behaviour of the spec (TLC finds it, with the safety invariants holding); a run with an
 * elector that acquires before the lease expired, and one against a fence that lets stale
 * generations through, are not. Each run leaves its merged trace, the generated TLA+ module and
 * TLC's config in {@code target/election-traces/<test>/}.
 */
class LeaseElectionTraceValidationTest {
  static OneMemberApiServer server;

  @BeforeAll
  static void start() throws Exception {
    server = OneMemberApiServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aRunWithAStalledAndAKilledLeaderIsABehaviourOfTheSpec() throws Exception {
    Path dir = evidence("accepted");
    List<TraceMerge.Entry> trace;
    try (RealElectionRun run = new RealElectionRun(server, "trace-ok", Set.of())) {
      LeaderElector first = run.awaitLeaderAbove(0);
      run.awaitMore("WriteLands", 3);
      run.stallPastLease(first);
      LeaderElector second = run.awaitLeaderAbove(first.generation());
      run.awaitMore("WriteLands", 3);
      run.kill(second);
      run.awaitLeaderAbove(second.generation());
      run.awaitMore("WriteLands", 3);
      trace = TraceMerge.merge(run.events());
    }
    assertThat(trace.stream().map(TraceMerge.Entry::action).collect(Collectors.toSet()))
        .as("the run takes every traced action")
        .contains("Get", "UpdateSucceeds", "UpdateConflicts", "StepDown", "StartWrite",
            "WriteLands", "WriteRejected");
    assertThat(trace.stream().filter(e -> e.action().equals("WriteLands"))
        .map(TraceMerge.Entry::term).distinct().count())
        .as("leaderships whose writes landed").isGreaterThanOrEqualTo(3);

    TraceLeaseElectionCheck.Result r = saveAndCheck(trace, dir,
        "LeaseElection trace of a real run, " + trace.size() + " events");
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.ACCEPTED);
  }

  @Test
  void anElectorThatAcquiresBeforeTheLeaseExpiredIsRejected() throws Exception {
    Path dir = evidence("acquire-before-expiry");
    List<TraceMerge.Entry> trace = stalledRun(server, "trace-early",
        Set.of(ElectionBug.ACQUIRE_BEFORE_EXPIRY));

    TraceLeaseElectionCheck.Result r = saveAndCheck(trace, dir, "LeaseElection trace with ACQUIRE_BEFORE_EXPIRY");
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.REJECTED);
    assertThat(r.detail()).as("the first unmatched event is the early acquire")
        .contains("action=Get").contains("intent=acquire");
  }

  @Test
  void aFenceThatLetsStaleGenerationsThroughIsRejected() throws Exception {
    Path dir = evidence("observe-only-fence");
    List<TraceMerge.Entry> trace;
    try (OneMemberApiServer observing = OneMemberApiServer.start(false)) {
      trace = stalledRun(observing, "trace-unfenced", Set.of());
    }

    TraceLeaseElectionCheck.Result r = saveAndCheck(trace, dir,
        "LeaseElection trace against a fence that only observes");
    assertThat(r.verdict()).as(r.detail()).isEqualTo(TraceLeaseElectionCheck.Verdict.REJECTED);
    assertThat(r.detail()).as("the first unmatched event is a stale write landing")
        .contains("action=WriteLands");
  }

  /** Saves {@code trace} into {@code dir}, checks it with TLC and prints the verdict under {@code label}. */
  private static TraceLeaseElectionCheck.Result saveAndCheck(List<TraceMerge.Entry> trace, Path dir,
      String label) throws Exception {
    return saveAndCheck(trace, dir, RealElectionRun.TIMING, label);
  }

  /** As above, for a run with {@code timing}. */
  static TraceLeaseElectionCheck.Result saveAndCheck(List<TraceMerge.Entry> trace, Path dir,
      TraceLeaseElectionCheck.Timing timing, String label) throws Exception {
    save(trace, dir);
    TraceLeaseElectionCheck.Result r = TraceLeaseElectionCheck.check(trace, timing, dir);
    System.out.println(label + ": " + r);
    return r;
  }

  /** A fresh {@code target/election-traces/<name>} (surefire runs in the module directory). */
  static Path evidence(String name) throws java.io.IOException {
    Path dir = Path.of("target", "election-traces", name);
    if (Files.exists(dir)) {
      try (var old = Files.walk(dir)) {
        old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }

  /** The merged trace, one event a line, as {@code trace.txt}. */
  private static void save(List<TraceMerge.Entry> trace, Path dir) throws java.io.IOException {
    Files.writeString(dir.resolve("trace.txt"), trace.stream().map(Object::toString)
        .collect(Collectors.joining("\n", "", "\n")));
  }

  /** The leader stalled past its lease, its writer going on; merged once another leads. */
  private static List<TraceMerge.Entry> stalledRun(OneMemberApiServer on, String lease,
      Set<ElectionBug> bugs) {
    try (RealElectionRun run = new RealElectionRun(on, lease, bugs)) {
      LeaderElector first = run.awaitLeaderAbove(0);
      run.awaitMore("WriteLands", 2);
      run.stall(first);
      run.awaitLeaderAbove(first.generation());
      run.awaitMore("WriteLands", 4); // both leaders write every 100 ms
      return TraceMerge.merge(run.events());
    }
  }
}
