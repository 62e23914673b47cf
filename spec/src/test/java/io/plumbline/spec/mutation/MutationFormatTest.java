package io.plumbline.spec.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.manifest.ModelManifest;
import java.nio.file.Files;
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
    ModelManifest manifest = ModelManifest.load(specDir);
    for (Mutation m : MutationCatalogue.load(specDir)) {
      String spec = Files.readString(specDir.resolve(m.file()));
      assertThat(m.applyTo(spec)).as(m.name()).isNotEqualTo(spec);
      Path cfg = manifest.find(m.model()).orElseThrow().config();
      m.configFor(Files.readString(cfg), specDir.relativize(cfg)); // a bad without: throws, naming the file
    }
  }

  private static final String CFG = """
      SPECIFICATION Spec
      INVARIANTS
          TypeOK
          ElectionSafety \\* the one that matters
      PROPERTIES MonotonicCommit RejectionStepsBack
      PROPERTY Lone
      CHECK_DEADLOCK FALSE
      """;

  @Test
  void withoutDropsTheNamedChecksFromTheCfg() {
    Mutation m = MutationCatalogue.parse(SOURCE,
        FILE.replace("why:", "without: RejectionStepsBack, Lone\nwhy:"));
    assertThat(m.without()).containsExactlyInAnyOrder("RejectionStepsBack", "Lone");
    String cfg = m.configFor(CFG, Path.of("raft/X.cfg"));
    assertThat(CfgChecks.listed(cfg)).containsExactly("TypeOK", "ElectionSafety", "MonotonicCommit");
    assertThat(cfg).contains("PROPERTIES MonotonicCommit\n").doesNotContain("PROPERTY")
        .contains("CHECK_DEADLOCK FALSE");
    assertThat(CfgChecks.without(CFG, java.util.Set.of("ElectionSafety")))
        .contains("    \\* the one that matters").contains("    TypeOK\n");
    assertThat(MutationCatalogue.parse(SOURCE, FILE).configFor(CFG, Path.of("raft/X.cfg"))).isEqualTo(CFG);
  }

  @Test
  void aWithoutThatNamesNoCheckOfTheCfgIsAnError() {
    Mutation typo = MutationCatalogue.parse(SOURCE,
        FILE.replace("why:", "without: RejectionStepBack\nwhy:"));
    assertThatThrownBy(() -> typo.configFor(CFG, Path.of("raft/X.cfg")))
        .hasMessage("mutations/x.mutation: without: RejectionStepBack is not an invariant or property"
            + " of the cfg raft/X.cfg (model MCEtcdRaftFaultsCampaigners)");
    Mutation own = MutationCatalogue.parse(SOURCE,
        FILE.replace("why:", "without: ElectionSafety\nwhy:"));
    assertThatThrownBy(() -> own.configFor(CFG, Path.of("raft/X.cfg")))
        .hasMessage("mutations/x.mutation: without: ElectionSafety is the property the entry catches");
    assertThatThrownBy(() -> MutationCatalogue.parse(SOURCE, FILE.replace("why:", "without:\nwhy:")))
        .hasMessage("mutations/x.mutation: without: names no invariant or property");
    assertThatThrownBy(() -> MutationCatalogue.parse(SOURCE, FILE.replace("why:", "without: A-B\nwhy:")))
        .hasMessageContaining("without: 'A-B' is not an invariant or property name");
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
