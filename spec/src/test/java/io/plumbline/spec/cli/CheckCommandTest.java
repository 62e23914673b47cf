package io.plumbline.spec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.common.UserError;
import io.plumbline.spec.SpecTestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's exit codes and files, with the one-line UserError handling the CLI installs. */
class CheckCommandTest {
  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = new CommandLine(new SpecCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof UserError u) {
        cmd.getErr().println(u.getMessage());
        return u.exitCode();
      }
      throw ex;
    });
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  private static String brokenSpec() {
    return SpecTestFiles.resource("broken-spec").toString();
  }

  @Test
  void anyModelOffItsExpectationExitsOneAndJsonSaysWhich() throws IOException {
    Path json = tmp.resolve("results.json");
    Run r = run("check", "--spec-dir", brokenSpec(), "--out", tmp.toString(), "--json", json.toString(),
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
  void allAsExpectedExitsZero() {
    Run r = run("check", "--spec-dir", brokenSpec(), "--out", tmp.toString(), "--workers", "1",
        "--tlc-heap", "256m", "counter-deadlock");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("1 of 1 models gave their expected result");
  }

  @Test
  void listShowsTheManifest() {
    Run r = run("check", "--spec-dir", brokenSpec(), "--list");
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
      Run r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
    }
  }
}
