package io.plumbline.conformance.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.conformance.CheckOutcome;
import io.plumbline.conformance.ConformanceSuite;
import io.plumbline.conformance.ConsoleReport;
import io.plumbline.conformance.Status;
import io.plumbline.conformance.SuiteOptions;
import io.plumbline.conformance.SuiteResult;
import io.plumbline.conformance.reference.ReferenceCluster;
import io.plumbline.db.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness group against live servers: it must catch the nested-txn hang of the pre-#16
 * reference store (restored by {@link NestedTxnHangProxy}), and it must pass on correct reference
 * members.
 */
class RobustnessGroupTest {
  static SuiteResult fuzz(List<String> endpoints, List<String> differential, Duration budget, Path report) {
    SuiteOptions o = new SuiteOptions(endpoints, List.of("robustness"), report, 1, Duration.ofSeconds(1), 1,
        Duration.ofSeconds(5), null, differential, budget);
    return ConformanceSuite.run(o, ConformanceSuite.newRunId(1), new ConsoleReport(System.out));
  }

  @Test
  void findsTheNestedTxnHangAsAHangWithAReplayFile(@TempDir Path report) throws Exception {
    try (LocalCluster cluster = ReferenceCluster.start(1);
        NestedTxnHangProxy bad = new NestedTxnHangProxy(cluster.clientUrls().get(0))) {
      SuiteResult r = fuzz(List.of(bad.url()), List.of(), Duration.ofSeconds(120), report);
      CheckOutcome o = r.outcomes().get(0);
      assertThat(o.verdict().status()).isEqualTo(Status.FAIL);
      JsonNode findings = new ObjectMapper().readTree(report.resolve("robustness/findings.json").toFile());
      JsonNode first = findings.get("findings").get(0);
      assertThat(first.get("category").asText()).isEqualTo("target-finding");
      assertThat(first.get("kind").asText()).isIn("hang", "lost-leader");
      assertThat(first.get("request").asText()).contains("request_txn");
      FuzzRequest saved = ReplayFile.read(report.resolve(first.get("replay_file").asText()));
      assertThat(saved.method()).isEqualTo(Methods.TXN);
      assertThat(first.get("reproduce").asText()).startsWith("./plumbline conformance --replay ");
    }
  }

  /**
   * Three correct reference members: no hang, crash or lost leader. (On a store with the pre-#16
   * exponential txn check this fails with a hang: that is the finding the group exists for.)
   */
  @Test
  void passesOnThreeReferenceMembers(@TempDir Path report) {
    try (LocalCluster cluster = ReferenceCluster.start(3)) {
      SuiteResult r = fuzz(cluster.clientUrls(), List.of(), Duration.ofSeconds(30), report);
      CheckOutcome o = r.outcomes().get(0);
      assertThat(o.verdict().status()).as(String.join("\n", o.verdict().evidence())).isEqualTo(Status.PASS);
    }
  }
}
