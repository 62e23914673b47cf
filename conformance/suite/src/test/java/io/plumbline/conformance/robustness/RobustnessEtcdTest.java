package io.plumbline.conformance.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.conformance.CheckOutcome;
import io.plumbline.conformance.Status;
import io.plumbline.conformance.SuiteResult;
import io.plumbline.db.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness group against real etcd 3.4 (3 members), briefly. Whatever it finds is about
 * etcd (category target-finding), not a failure of plumbline: the test asserts that the run
 * completed (requests sent, every batch probed, no UNKNOWN) and that the report is well-formed and
 * every finding replayable.
 */
class RobustnessEtcdTest {
  @Test
  void aShortRunAgainstRealEtcdCompletesWithAWellFormedReport(@TempDir Path report) throws Exception {
    try (LocalCluster etcd = LocalCluster.start(LocalCluster.Options.etcd(3))) {
      SuiteResult r = RobustnessGroupTest.fuzz(etcd.clientUrls(), List.of(), Duration.ofSeconds(15), report);
      CheckOutcome o = r.outcomes().get(0);
      System.out.println("robustness on etcd: " + o.verdict().summary());
      assertThat(o.verdict().status()).isIn(Status.PASS, Status.FAIL);
      JsonNode results = new ObjectMapper().readTree(report.resolve("results.json").toFile());
      assertThat(results.get("checks").get(0).get("group").asText()).isEqualTo("robustness");
      assertThat(Files.readString(report.resolve("index.html"))).contains("robustness/fuzz");
      JsonNode findings = new ObjectMapper().readTree(report.resolve("robustness/findings.json").toFile());
      assertThat(findings.get("requests").asLong()).isPositive();
      assertThat(findings.get("batches").asInt()).isPositive();
      for (JsonNode f : findings.get("findings")) {
        assertThat(f.get("category").asText()).isEqualTo("target-finding");
        assertThat(f.get("kind").asText()).isIn("hang", "crash", "lost-leader", "divergence", "differential-hang", "differential-crash");
        if (!f.get("replay_file").isNull()) {
          assertThat(ReplayFile.read(report.resolve(f.get("replay_file").asText())).messages()).isNotEmpty();
        }
      }
    }
  }
}
