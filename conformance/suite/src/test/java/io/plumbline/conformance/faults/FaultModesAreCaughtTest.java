package io.plumbline.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.conformance.CheckOutcome;
import io.plumbline.conformance.ConformanceSuite;
import io.plumbline.conformance.ConsoleReport;
import io.plumbline.conformance.Status;
import io.plumbline.conformance.SuiteOptions;
import io.plumbline.conformance.SuiteResult;
import io.plumbline.conformance.reference.ReferenceCluster;
import io.plumbline.db.LocalCluster;
import io.plumbline.store.fault.FaultMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proof that the checks bite: for each fault mode a fresh 3-member reference cluster runs with
 * {@code --fault MODE}, the suite runs the mode's groups (short workloads), and the outcome must match
 * {@link ExpectedFailures}: the matching checks FAIL, the unaffected ones pass. For {@code stale-read}
 * one follower is kept lagging ({@link LaggingFollower}), as a partitioned or slow member would be.
 */
class FaultModesAreCaughtTest {
  /** Short workloads keep the module's verify within minutes; the CLI default stays 10 clients x 30 s. */
  private static final Duration WORKLOAD = Duration.ofSeconds(3);

  @ParameterizedTest
  @EnumSource(FaultMode.class)
  void theMatchingChecksFailAndOnlyThose(FaultMode mode) throws Exception {
    ExpectedFailures.Expectation expected = ExpectedFailures.of(mode);
    SuiteResult r;
    String printed;
    // A stale read needs a read to reach the lagging follower after a write it has not applied: a
    // 3-second run sometimes holds none (seen on a quiet machine: 393 operations, no stale read), and
    // sometimes only a check that may fail sees the one it holds (a fresh clone's CI: only
    // not-newer-than-linearizable; at load 30, 59 operations in 3 s and no stale read in three runs).
    // So that mode gets up to three runs, each on a fresh cluster and twice as long as the one before
    // (3, 6, 12 s: a loaded machine still gets a few hundred operations), until one of the checks
    // that must catch it does; the last one is judged.
    int attempts = mode == FaultMode.STALE_READ ? 3 : 1;
    for (int attempt = 1; ; attempt++) {
      try (LocalCluster cluster = ReferenceCluster.start(members(expected), "--fault", mode.flag());
          LaggingFollower lagging = mode == FaultMode.STALE_READ ? new LaggingFollower(cluster) : null) {
        r = runSuite(cluster, expected.groups(), mode.flag(), WORKLOAD.multipliedBy(1L << (attempt - 1)));
      }
      if (caughtAsExpected(r, expected) || attempt == attempts) {
        break;
      }
    }
    printed = "--fault " + mode.flag() + "\n" + describe(r);
    assertThat(r.passed()).as(printed).isFalse();
    for (CheckOutcome o : r.outcomes()) {
      if (expected.mustFail().contains(o.id())) {
        assertThat(o.verdict().status()).as("%s must catch --fault %s\n%s", o.id(), mode.flag(), printed)
            .isEqualTo(Status.FAIL);
      } else if (!expected.allowsFailure(o.id())) {
        assertThat(o.verdict().status()).as("%s must not be affected by --fault %s\n%s", o.id(), mode.flag(), printed)
            .isEqualTo(Status.PASS);
      }
    }
    if (!expected.oneMustFail().isEmpty()) {
      assertThat(r.outcomes()).as("one of %s must catch --fault %s\n%s", expected.oneMustFail(), mode.flag(), printed)
          .anyMatch(o -> expected.oneMustFail().contains(o.id()) && o.verdict().status() == Status.FAIL);
    }
    assertThat(r.outcomes().stream().map(CheckOutcome::id).collect(Collectors.toSet()))
        .containsAll(expected.mustFail()).containsAll(expected.oneMustFail()).containsAll(expected.mayFail().keySet());
  }

  /** Whether the run failed, and (when the mode names checks one of which must catch it) one of those failed. */
  private static boolean caughtAsExpected(SuiteResult r, ExpectedFailures.Expectation expected) {
    return !r.passed() && (expected.oneMustFail().isEmpty() || r.outcomes().stream()
        .anyMatch(o -> expected.oneMustFail().contains(o.id()) && o.verdict().status() == Status.FAIL));
  }

  /**
   * The auth modes and put-prev-kv-is-new break what a member answers, not what replication carries, so one
   * member shows them; every other mode needs the 3 members its checks compare (a lagging follower, a leader
   * change, a split).
   */
  private static int members(ExpectedFailures.Expectation expected) {
    return expected.groups().equals(List.of("auth")) || expected.mode() == FaultMode.PUT_PREV_KV_IS_NEW ? 1 : 3;
  }

  /** The control for stale-read: with the same lagging follower, the correct store passes those groups. */
  @Test
  void withoutAFaultTheLaggingFollowerBreaksNothing() throws Exception {
    SuiteResult r;
    String printed;
    try (LocalCluster cluster = ReferenceCluster.start(3);
        LaggingFollower lagging = new LaggingFollower(cluster)) {
      r = runSuite(cluster, ExpectedFailures.of(FaultMode.STALE_READ).groups(), "control", WORKLOAD);
      printed = describe(r);
    }
    assertThat(r.outcomes()).as(printed).isNotEmpty().allMatch(o -> o.verdict().status() == Status.PASS);
  }

  /** Runs {@code groups} with workloads of {@code workload}; prints the console report, returns the result. */
  private static SuiteResult runSuite(LocalCluster cluster, List<String> groups, String label, Duration workload) {
    SuiteOptions options = new SuiteOptions(cluster.clientUrls(), groups, null, 10, workload, 7, Duration.ofSeconds(5), null);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ConsoleReport report = new ConsoleReport(new PrintStream(console, true, StandardCharsets.UTF_8));
    SuiteResult r = ConformanceSuite.run(options, ConformanceSuite.newRunId(7) + "-" + label, report);
    report.summary(r);
    System.out.println(label + "\n" + console.toString(StandardCharsets.UTF_8));
    return r;
  }

  /** One line per check: status, id, summary. */
  private static String describe(SuiteResult r) {
    return r.outcomes().stream().map(o -> o.verdict().status().word() + " " + o.id() + ": " + o.verdict().summary())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void everyModeHasOneExpectationAndTheReadmeShowsTheTable() throws Exception {
    assertThat(ExpectedFailures.TABLE.stream().map(ExpectedFailures.Expectation::mode))
        .containsExactlyElementsOf(Arrays.asList(FaultMode.values()));
    List<String> groups = new java.util.ArrayList<>(ConformanceSuite.GROUPS);
    groups.addAll(ConformanceSuite.OPT_IN);
    assertThat(ExpectedFailures.TABLE).allSatisfy(e -> assertThat(groups).containsAll(e.groups()));
    String readme = Files.readString(Path.of(System.getProperty("plumbline.root", "../.."), "conformance", "README.md"));
    assertThat(readme).as("conformance/README.md must show ExpectedFailures.markdown()")
        .contains(ExpectedFailures.markdown());
  }
}
