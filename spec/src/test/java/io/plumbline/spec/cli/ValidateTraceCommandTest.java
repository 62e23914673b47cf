package io.plumbline.spec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.common.cli.CommandRun;
import io.plumbline.spec.SpecTestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spec validate-trace}: exit 0 all valid, 1 some invalid, 2 bad input; JSON verdicts. */
class ValidateTraceCommandTest {
  @TempDir Path tmp;

  private static CommandRun run(String... args) {
    return CommandRun.of(new SpecCommand(), args);
  }

  private static String trace(String name) {
    return SpecTestFiles.specDir().resolve("raft/traces/" + name).toString();
  }

  @Test
  void anInvalidTraceExitsOneWithAReadableReportAndJson() throws IOException {
    Path json = tmp.resolve("verdicts.json");
    CommandRun r = run("validate-trace", "--tlc-heap", "512m", "--json", json.toString(),
        trace("sample.ndjson"), trace("bad.ndjson"));
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("valid    spec/raft/traces/sample.ndjson (22 events)")
        .contains("invalid  spec/raft/traces/bad.ndjson (22 events): event 6 (line 6) "
            + "HandleRequestVoteRequest is not explained")
        .contains("why:    EtcdRaft's HandleRequestVoteRequest leads elsewhere: spec vs trace: "
            + "votedFor n1 vs n3")
        .contains("2 trace(s): 1 valid, 1 invalid");
    JsonNode verdicts = new ObjectMapper().readTree(json.toFile());
    assertThat(verdicts.get("valid").asInt()).isEqualTo(1);
    assertThat(verdicts.get("traces").get(1).get("unexplained").get("index").asInt()).isEqualTo(6);
  }

  @Test
  void malformedInputExitsTwoWithOneLine() throws IOException {
    Path bad = Files.writeString(tmp.resolve("m.ndjson"), "{\"event\":\"Restart\"}\n");
    CommandRun r = run("validate-trace", bad.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(bad + ":1: field node: missing");
    assertThat(run("validate-trace", tmp.resolve("absent.ndjson").toString()).exitCode()).isEqualTo(2);
    assertThat(run("validate-trace", "--tlc-heap", "lots", trace("sample.ndjson")).exitCode())
        .isEqualTo(2);
  }
}
