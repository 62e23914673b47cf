package io.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void helpListsEverySubcommandOnOneLineEach() {
    CliRun r = run("--help");
    assertThat(r.exitCode()).isZero();
    CommandLine cli = Main.commandLine();
    for (String name : cli.getSubcommands().keySet()) {
      assertThat(r.out()).as("help mentions %s", name).containsPattern("(?m)^  " + name + "\\b");
    }
  }

  @Test
  void unknownFlagIsOneLineErrorWithExitCode2() {
    CliRun r = run("--no-such-flag");
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
      CliRun r = run(name, "--no-such-flag");
      assertThat(r.exitCode()).as(name).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(name).hasSize(1);
    }
  }
}
