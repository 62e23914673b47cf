package io.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The lazily built command tree has the same subcommands, under the same names, as the full one. */
class SubcommandsTest {

  @Test
  void everyNameCreatesTheCommandOfThatName() {
    for (String name : Subcommands.NAMES) {
      Object command = Subcommands.create(name);
      assertThat(command.getClass().getAnnotation(CommandLine.Command.class).name()).isEqualTo(name);
    }
  }

  @Test
  void theFullTreeHasEveryNameInHelpOrder() {
    List<String> expected = new ArrayList<>(List.of("help"));
    expected.addAll(Subcommands.NAMES);
    assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(expected);
  }

  @Test
  void aRunNamingOneSubcommandBuildsOnlyThatOne() {
    assertThat(Main.commandLine("check-history", "x.log").getSubcommands().keySet()).containsExactly("help", "check-history");
    assertThat(Main.commandLine("help", "check-history").getSubcommands().keySet()).hasSize(Subcommands.NAMES.size() + 1);
    assertThat(Main.commandLine("--version").getSubcommands().keySet()).hasSize(Subcommands.NAMES.size() + 1);
  }
}
