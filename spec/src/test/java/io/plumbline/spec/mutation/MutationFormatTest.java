package io.plumbline.spec.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.spec.SpecTestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue file format, the exact-once edit rule and the README table, without TLC. */
class MutationFormatTest {
  private static final Path SOURCE = Path.of("mutations/x.mutation");
  private static final String FILE = """
      # a comment
      category: vote handling
      model: MCEtcdRaftFaultsCampaigners
      catches: ElectionSafety
      why: votes twice
      === search
          /\\ a
          /\\ b
      === replace
          /\\ a
      """;

  @Test
  void parsesHeaderAndExactBlocks() {
    Mutation m = MutationCatalogue.parse(SOURCE, FILE);
    assertThat(m.name()).isEqualTo("x");
    assertThat(m.file()).isEqualTo(Path.of("raft/EtcdRaft.tla"));
    assertThat(m.search()).isEqualTo("    /\\ a\n    /\\ b");
    assertThat(m.replace()).isEqualTo("    /\\ a");
    assertThat(m.applyTo("X ==\n    /\\ a\n    /\\ b\n")).isEqualTo("X ==\n    /\\ a\n");
  }

  @Test
  void aSearchTextThatIsMissingOrTwiceIsAnError() {
    Mutation m = MutationCatalogue.parse(SOURCE, FILE);
    assertThatThrownBy(() -> m.applyTo("nothing here")).hasMessageContaining("no longer occurs");
    assertThatThrownBy(() -> m.applyTo("    /\\ a\n    /\\ b\n    /\\ a\n    /\\ b"))
        .hasMessageContaining("more than once");
  }

  @Test
  void malformedFilesAreRejected() {
    assertThatThrownBy(() -> MutationCatalogue.parse(SOURCE, FILE.replace("model:", "modle:")))
        .hasMessageContaining("bad header line");
    assertThatThrownBy(() -> MutationCatalogue.parse(SOURCE, FILE.replace("catches: ElectionSafety\n", "")))
        .hasMessageContaining("missing header 'catches:'");
    assertThatThrownBy(() -> MutationCatalogue.parse(SOURCE, FILE.replace("=== replace", "=== rplace")))
        .hasMessageContaining("'=== search' block");
  }

  @Test
  void everyCatalogueEntryParsesAndMatchesTheSpecExactlyOnce() throws Exception {
    Path specDir = SpecTestFiles.specDir();
    for (Mutation m : MutationCatalogue.load(specDir)) {
      String spec = java.nio.file.Files.readString(specDir.resolve(m.file()));
      assertThat(m.applyTo(spec)).as(m.name()).isNotEqualTo(spec);
    }
  }

  @Test
  void theTableComparesWithoutTimes() {
    Mutation m = MutationCatalogue.parse(SOURCE, FILE);
    String table = MutationTable.render(List.of(m), Map.of("x", 12.34));
    assertThat(table).contains("| `x` | vote handling | votes twice | `MCEtcdRaftFaultsCampaigners` | `ElectionSafety` | 12.3 |");
    String readme = "text\n" + MutationTable.BEGIN + "\n" + table.replace("12.3", "99.0") + MutationTable.END + "\n";
    assertThat(MutationTable.rowsWithoutTimes(readme)).isEqualTo(MutationTable.rowsWithoutTimes(List.of(m)));
  }
}
