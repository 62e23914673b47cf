package io.plumbline.controller.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.OneMemberApiServer;
import io.plumbline.controller.LeaderElector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trace validation against {@code spec/election/LeaseElection.tla} of what a multi-process run
 * cannot show: an API server whose fence only observes lets a deposed leader's stale writes land,
 * and the trace is rejected at the first one. Three {@link LeaderElector}s and their fenced
 * writers run in this JVM against a real API server on etcd; the leader's loop is stalled past its
 * lease while its writer goes on, so stale writes are sure to reach the fence. Accepted runs (with
 * the enforcing fence refusing a deposed leader's write) and the ACQUIRE_BEFORE_EXPIRY rejection
 * come from a real {@code up} plane: {@link LeaseElectionUpTraceTest}. The run leaves its merged trace, the generated
 * TLA+ module and TLC's config in {@code target/election-traces/observe-only-fence/}.
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
  void aFenceThatLetsStaleGenerationsThroughIsRejected() throws Exception {
    Path dir = evidence("observe-only-fence");
    List<TraceMerge.Entry> trace;
    try (OneMemberApiServer observing = OneMemberApiServer.start(false)) {
      trace = stalledRun(observing, "trace-unfenced");
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
    return saveAndCheck(trace, dir, timing, java.util.Set.of(), label);
  }

  /** As above; VACUOUS when the trace lacks one of the spec actions {@code required}. */
  static TraceLeaseElectionCheck.Result saveAndCheck(List<TraceMerge.Entry> trace, Path dir,
      TraceLeaseElectionCheck.Timing timing, java.util.Set<String> required, String label)
      throws Exception {
    save(trace, dir);
    TraceLeaseElectionCheck.Result r = TraceLeaseElectionCheck.check(trace, timing, dir, required);
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
  private static List<TraceMerge.Entry> stalledRun(OneMemberApiServer on, String lease) {
    try (RealElectionRun run = new RealElectionRun(on, lease)) {
      LeaderElector first = run.awaitLeaderAbove(0);
      run.awaitMore("WriteLands", 2);
      run.stall(first);
      run.awaitLeaderAbove(first.generation());
      run.awaitMore("WriteLands", 4); // both leaders write every 100 ms
      return TraceMerge.merge(run.events());
    }
  }
}
