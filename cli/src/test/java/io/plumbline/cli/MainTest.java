package io.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsEverySubcommandOnOneLineEach() {
    Run r = run("--help");
    assertThat(r.exitCode()).isZero();
    CommandLine cli = Main.commandLine();
    for (String name : cli.getSubcommands().keySet()) {
      assertThat(r.out()).as("help mentions %s", name).containsPattern("(?m)^  " + name + "\\b");
    }
  }

  @Test
  void unknownFlagIsOneLineErrorWithExitCode2() {
    Run r = run("--no-such-flag");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("Unknown option: '--no-such-flag'");
  }

  @Test
  void everySubcommandRejectsUnknownFlagsWithExitCode2() {
    CommandLine cli = Main.commandLine();
    for (String name : cli.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      Run r = run(name, "--no-such-flag");
      assertThat(r.exitCode()).as(name).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(name).hasSize(1);
    }
  }
}
