package io.plumbline.spec.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as an action's coverage when TLC prints several reports, or stops inside one. */
class ActionCoverageTest {
  private static TlcMessage action(String name, long distinct, long generated) {
    return new TlcMessage(ActionCoverage.ACTION, 0, "<" + name + " line 808, col 1 to line 808, col 21"
        + " of module EtcdRaft>: " + distinct + ":" + generated);
  }

  private static void report(ActionCoverage coverage, TlcMessage... actions) {
    coverage.accept(new TlcMessage(ActionCoverage.REPORT_START, 0, "The coverage statistics at"));
    for (TlcMessage a : actions) {
      coverage.accept(a);
    }
    coverage.accept(new TlcMessage(ActionCoverage.REPORT_END, 0, "End of statistics."));
  }

  @Test
  void aLiveActionStaysLiveWhenALaterReportShowsItAtZero() {
    ActionCoverage coverage = new ActionCoverage();
    report(coverage, action("Step_DropStaleMessage", 6, 2360), action("Restart", 0, 0));
    report(coverage, action("Step_DropStaleMessage", 0, 10115), action("Restart", 0, 0));
    assertThat(coverage.latest()).containsEntry("Step_DropStaleMessage", 6L)
        .containsEntry("Restart", 0L);
    assertThat(coverage.reports()).isEqualTo(2);
  }

  @Test
  void aDeadActionIsZeroInEveryReportAndSoInTheResult() {
    ActionCoverage coverage = new ActionCoverage();
    report(coverage, action("Restart", 0, 0), action("Heartbeat", 5006, 6938));
    report(coverage, action("Restart", 0, 0), action("Heartbeat", 6938, 9000));
    assertThat(coverage.latest()).containsEntry("Restart", 0L).containsEntry("Heartbeat", 6938L);
  }

  @Test
  void aReportCutShortDoesNotCount() {
    ActionCoverage coverage = new ActionCoverage();
    report(coverage, action("Heartbeat", 5, 7));
    coverage.accept(new TlcMessage(ActionCoverage.REPORT_START, 0, "The coverage statistics at"));
    coverage.accept(action("Heartbeat", 9, 12));
    assertThat(coverage.latest()).containsEntry("Heartbeat", 5L);
    assertThat(coverage.reports()).isEqualTo(1);
  }

  @Test
  void anActionUsedInSeveralDisjunctsAddsUpWithinOneReport() {
    ActionCoverage coverage = new ActionCoverage();
    report(coverage, action("Heartbeat", 3, 4), action("Heartbeat", 2, 2));
    assertThat(coverage.latest()).containsEntry("Heartbeat", 5L);
  }
}
