package io.plumbline.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json says what the checkers said: the run's combined verdict and each checker's own, unknown as unknown. */
class ResultsJsonTest {
  @Test
  void theRunsVerdictAndEachCheckersAreWrittenAsJudged(@TempDir Path dir) throws IOException {
    RunResult r = new RunResult(new History("empty", List.of()), List.of(), List.of(
        new Workload.Verdict("linearizable", Validity.TRUE, "valid: 20 writes", ""),
        new Workload.Verdict("recovery", Validity.TRUE, "10 of 10", ""),
        new Workload.Verdict("evidence", Validity.UNKNOWN, "unknown: the partition cut no link", "")), 1);
    StoreWriter.write(dir, 7, Map.of("workload", "register"), r);
    JsonNode results = new ObjectMapper().readTree(Files.readString(dir.resolve("results.json")));
    assertThat(results.path("valid").asText()).isEqualTo(Validity.UNKNOWN.word());
    assertThat(results.path("checkers").get(2).path("valid").asText()).isEqualTo(Validity.UNKNOWN.word());
    assertThat(results.path("checkers").get(0).path("valid").asText()).isEqualTo(Validity.TRUE.word());
    assertThat(r.exitCode()).isEqualTo(3);
  }

  /**
   * A run is replayed from its store directory: the seed is in {@code seed} and in
   * {@code results.json}, beside the history, the fault timeline and the commit the run was built from.
   */
  @Test
  void theStoreDirectoryKeepsWhatAReplayNeeds(@TempDir Path dir) throws IOException {
    RunResult r = new RunResult(new History("empty", List.of()), List.of(), List.of(
        new Workload.Verdict("recovery", Validity.TRUE, "10 of 10", "")), 1);
    StoreWriter.write(dir, 424242, Map.of("workload", "register", "seed", 424242), r);
    assertThat(Files.readString(dir.resolve("seed")).trim()).isEqualTo("424242");
    JsonNode results = new ObjectMapper().readTree(Files.readString(dir.resolve("results.json")));
    assertThat(results.path("seed").asLong()).isEqualTo(424242);
    assertThat(results.has("commit")).isTrue();
    assertThat(dir.resolve("history.jsonl")).exists();
    assertThat(dir.resolve("history.edn")).exists();
    assertThat(dir.resolve("nemesis.json")).exists();
    assertThat(new ObjectMapper().readTree(Files.readString(dir.resolve("options.json"))).path("seed").asLong())
        .isEqualTo(424242);
  }
}
