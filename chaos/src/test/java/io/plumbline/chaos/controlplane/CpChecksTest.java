package io.plumbline.chaos.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Validity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each control-plane check judges a known-good and a known-bad observation correctly. */
class CpChecksTest {
  @Test
  void aTakeoverLaterThanTheBoundOrMissingIsInvalid() {
    // bound 7 000 ms from the new leader's last observed change; lease 4 000 ms
    var ok = new CpNemesis.Takeover("kill", "cm-1", "cm-2", 6_500, 4_020);
    var coldStandby = new CpNemesis.Takeover("pause", "cm-2", "cm-1", 10_800, 4_100);
    var late = new CpNemesis.Takeover("pause", "cm-2", "cm-1", 12_000, 7_400);
    var early = new CpNemesis.Takeover("pause", "cm-2", "cm-1", 3_000, 3_100);
    var unlogged = new CpNemesis.Takeover("kill", "cm-1", "cm-2", 5_000, -1);
    var none = new CpNemesis.Takeover("kill", "cm-1", "none", -1, -1);
    assertThat(CpChecks.takeovers(List.of(ok, coldStandby), 7_000, 4_000).validity())
        .isEqualTo(Validity.TRUE);
    for (var bad : List.of(late, early, unlogged, none)) {
      assertThat(CpChecks.takeovers(List.of(ok, bad), 7_000, 4_000).validity())
          .as(bad.toString()).isEqualTo(Validity.FALSE);
    }
    assertThat(CpChecks.takeovers(List.of(none), 7_000, 4_000).details())
        .contains("cm-1 -> none");
  }

  @Test
  void noTakeoverCausingFaultIsUnknownNotValid() {
    assertThat(CpChecks.takeovers(List.of(), 7_000, 4_000).validity()).isEqualTo(Validity.UNKNOWN);
  }

  @Test
  void podsOfAVanishedRcAreOrphansOthersAreNot() {
    var rcs = (com.fasterxml.jackson.databind.node.ObjectNode) io.plumbline.apiserver.api.Json
        .parse("{\"items\":[{\"metadata\":{\"uid\":\"live\"}}]}".getBytes());
    var pods = io.plumbline.apiserver.api.Json.parse(("{\"items\":["
        + "{\"metadata\":{\"name\":\"a\",\"ownerReferences\":[{\"uid\":\"live\",\"controller\":true}]}},"
        + "{\"metadata\":{\"name\":\"b\"}},"
        + "{\"metadata\":{\"name\":\"c\",\"ownerReferences\":[{\"uid\":\"gone\",\"controller\":true}]}}"
        + "]}").getBytes());
    assertThat(CpChecks.orphans(pods, rcs).validity()).isEqualTo(Validity.FALSE);
    assertThat(CpChecks.orphans(pods, rcs).details()).contains("c (owner uid gone is gone)")
        .doesNotContain("a (").doesNotContain("b (");
  }

  @Test
  void anUnconvergedRcIsInvalidAndNamed() {
    assertThat(CpChecks.convergence(List.of(), 3, 100).validity()).isEqualTo(Validity.TRUE);
    var bad = CpChecks.convergence(List.of("rc-1: spec.replicas 3, pods 2, status.replicas 2"),
        3, 90_000);
    assertThat(bad.validity()).isEqualTo(Validity.FALSE);
    assertThat(bad.details()).contains("rc-1");
  }

  @Test
  void aWatchWhoseResourceVersionGoesBackIsInvalid() {
    try (RvWatcher watcher = new RvWatcher("http://127.0.0.1:1",
        new RcClient("http://127.0.0.1:1"))) {
      watcher.observe("LIST", 10);
      watcher.observe("ADDED", 12);
      assertThat(CpChecks.watch(watcher).validity()).isEqualTo(Validity.TRUE);
      watcher.observe("MODIFIED", 11);
      assertThat(CpChecks.watch(watcher).validity()).isEqualTo(Validity.FALSE);
      assertThat(CpChecks.watch(watcher).details())
          .contains("MODIFIED at resourceVersion 11 after 12");
    }
  }

  @Test
  void theOptionsBoundIsLeasePlusRetryPlusSlack() {
    CpOptions o = new CpOptions(1, java.time.Duration.ofSeconds(1), 1, 1, true, "reference",
        4_000, 3_000, 1_000, java.nio.file.Path.of("/tmp/x"));
    assertThat(o.takeoverBoundMs()).isEqualTo(4_000 + 1_000 + CpOptions.SLACK_MS);
  }
}
