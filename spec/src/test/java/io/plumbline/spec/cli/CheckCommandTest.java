package io.plumbline.spec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.CommandRun;
import io.plumbline.spec.SpecTestFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's exit codes and files, with the one-line UserError handling the CLI installs. */
class CheckCommandTest {
  @TempDir Path tmp;

  private static CommandRun run(String... args) {
    return CommandRun.of(new SpecCommand(), args);
  }

  private static String brokenSpec() {
    return SpecTestFiles.resource("broken-spec").toString();
  }

  @Test
  void anyModelOffItsExpectationExitsOneAndJsonSaysWhich() throws IOException {
    Path json = tmp.resolve("results.json");
    CommandRun r = run("check", "--spec-dir", brokenSpec(), "--out", tmp.toString(), "--json", json.toString(),
        "--workers", "1", "--tlc-heap", "256m", "counter-broken", "counter-deadlock");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("counter-broken                   UNEXPECTED-VIOLATION")
        .contains("1 of 2 models gave their expected result");
    JsonNode doc = new ObjectMapper().readTree(json.toFile());
    assertThat(doc.get("allAsExpected").asBoolean()).isFalse();
    assertThat(doc.get("models").get(0).get("verdict").asText()).isEqualTo("UNEXPECTED-VIOLATION");
    assertThat(doc.get("models").get(0).get("counterexample").asText())
        .endsWith("counter-broken.counterexample.json");
  }

  @Test
  void aVacuousPassExitsOneAndTableAndJsonSayWhy() throws IOException {
    Path json = tmp.resolve("vacuous.json");
    CommandRun r = run("check", "--spec-dir", SpecTestFiles.resource("vacuous-spec").toString(),
        "--out", tmp.toString(), "--json", json.toString(), "--workers", "1", "--tlc-heap", "256m",
        "lamp-cut", "lamp-reset-allowed-dead");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("lamp-cut: VACUOUS - no error;")
        .contains("      vacuous: no state beyond the initial one(s): 0 distinct, 0 initial")
        .contains("lamp-cut                         VACUOUS")
        .contains("1 of 2 models gave their expected result");
    JsonNode models = new ObjectMapper().readTree(json.toFile()).get("models");
    assertThat(models.get(0).get("verdict").asText()).isEqualTo("VACUOUS");
    assertThat(models.get(0).get("vacuity").get(1).asText())
        .isEqualTo("never fired (0 distinct states): Inc, Reset");
    assertThat(models.get(1).get("verdict").asText()).isEqualTo("pass");
    assertThat(models.get(1).get("coverage").get("Reset").asLong()).isZero();
  }

  @Test
  void allAsExpectedExitsZero() {
    CommandRun r = run("check", "--spec-dir", brokenSpec(), "--out", tmp.toString(), "--workers", "1",
        "--tlc-heap", "256m", "counter-deadlock");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("1 of 1 models gave their expected result");
  }

  @Test
  void listShowsTheManifest() {
    CommandRun r = run("check", "--spec-dir", brokenSpec(), "--list");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("counter-missing").contains("violation:NeverAboveLimit");
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    for (String[] args : new String[][] {
        {"check", "--spec-dir", brokenSpec(), "no-such-model"},
        {"check", "--spec-dir", brokenSpec(), "--suite", "nightly"},
        {"check", "--spec-dir", brokenSpec(), "--workers", "0"},
        {"check", "--spec-dir", brokenSpec(), "--tlc-heap", "lots"},
        {"check", "--spec-dir", tmp.toString()}}) {
      CommandRun r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
    }
  }
}
