package io.plumbline.spec.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import io.plumbline.spec.tlc.Simulation;
import io.plumbline.spec.SpecTestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
  private static final String HEADER = String.join("\t", ModelManifest.COLUMNS);

  @TempDir Path tmp;

  /** A spec directory named "spec" holding a.tla/a.cfg and the given manifest lines. */
  private Path specDirWith(String... lines) throws IOException {
    Path spec = Files.createDirectories(tmp.resolve("spec"));
    Files.writeString(spec.resolve("a.tla"), "---- MODULE a ----\n====\n");
    Files.writeString(spec.resolve("a.cfg"), "");
    Files.write(spec.resolve("models.tsv"), List.of(lines));
    return spec;
  }

  private static String row(String... cells) {
    return String.join("\t", cells);
  }

  @Test
  void theRepositoryManifestLoadsAndHasCiModels() {
    ModelManifest m = ModelManifest.load(SpecTestFiles.specDir());
    assertThat(m.select(List.of(), Set.of(Suite.CI))).isNotEmpty()
        .allSatisfy(e -> assertThat(e.module()).exists());
    assertThat(m.find("election-unfenced")).get()
        .extracting(ModelEntry::expected).isEqualTo(Expectation.violationOf("AtMostOneEffectiveLeader"));
  }

  @Test
  void readsRowsSkippingCommentsAndBlankLines() throws IOException {
    Path spec = specDirWith("# comment", "", HEADER,
        row("m1", "a.tla", "a.cfg", "violation:deadlock", "deep", "b", "d"));
    ModelEntry e = ModelManifest.load(spec).entries().get(0);
    assertThat(e.name()).isEqualTo("m1");
    assertThat(e.expected().violation()).hasValue("deadlock");
    assertThat(e.suite()).isEqualTo(Suite.DEEP);
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void malformedRowsNameFileAndLine() throws IOException {
    assertError(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b")),
        "spec/models.tsv:2: expected 7 to 10 tab-separated columns, found 6");
    assertError(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "fails", "ci", "b", "d")),
        "spec/models.tsv:2: expected must be 'pass'");
    assertError(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "nightly", "b", "d")),
        "spec/models.tsv:2: suite must be ci, deep or mbt");
    assertError(specDirWith(HEADER, row("m1", "b.tla", "a.cfg", "pass", "ci", "b", "d")),
        "spec/models.tsv:2: module file b.tla does not exist");
    assertError(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d"),
        row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d")), "spec/models.tsv:3: model name 'm1' appears twice");
    assertError(specDirWith("name\tmodule"), "spec/models.tsv:1: header must be");
  }

  @Test
  void theOptionalAllowedDeadColumnListsActionNames() throws IOException {
    Path spec = specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d", "Restart, Step_DropMessage"),
        row("m2", "a.tla", "a.cfg", "pass", "ci", "b", "d"), row("m3", "a.tla", "a.cfg", "pass", "ci", "b", "d", "-"));
    List<ModelEntry> entries = ModelManifest.load(spec).entries();
    assertThat(entries.get(0).allowedDead()).containsExactlyInAnyOrder("Restart", "Step_DropMessage");
    assertThat(entries.get(1).allowedDead()).isEmpty();
    assertThat(entries.get(2).allowedDead()).isEmpty();
    assertThat(entries.get(0).checksCoverage()).isTrue();
    assertThat(ModelManifest.load(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d", "*")))
        .entries().get(0).checksCoverage()).isFalse();
    assertThat(ModelManifest.load(specDirWith(String.join("\t", ModelManifest.COLUMNS.subList(0, 7)),
        row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d"))).entries()).hasSize(1);
    assertError(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d", "Re-start")),
        "spec/models.tsv:2: allowed-dead must be TLA+ action names");
  }

  @Test
  void theSimulateColumnMakesASimModelATlcSimulation() throws IOException {
    ModelEntry sim = ModelManifest.load(specDirWith(HEADER,
        row("SIMm", "a.tla", "a.cfg", "pass", "ci", "b", "d", "-", "num=200 depth=300 seed=7"))).entries().get(0);
    assertThat(sim.simulation()).hasValue(new Simulation(200, 300, 7));
    assertThat(sim.simulation().orElseThrow().tlcArguments())
        .containsExactly("-simulate", "num=200", "-depth", "300", "-seed", "7");
    assertThat(sim.checksCoverage()).isFalse();
    assertError(specDirWith(HEADER, row("SIMm", "a.tla", "a.cfg", "pass", "ci", "b", "d")),
        "spec/models.tsv:2: a model named SIM... needs a simulate cell");
    assertError(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d", "-", "num=1 depth=9 seed=1")),
        "spec/models.tsv:2: a model named SIM... needs a simulate cell");
    assertError(specDirWith(HEADER, row("SIMm", "a.tla", "a.cfg", "pass", "ci", "b", "d", "-", "num=1 depth=9")),
        "spec/models.tsv:2: simulate must be 'num=N depth=D seed=S'");
  }

  @Test
  void theJitColumnMarksAPassingModelForC1Only() throws IOException {
    List<ModelEntry> entries = ModelManifest.load(specDirWith(HEADER,
        row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d", "-", "-", "c1"),
        row("m2", "a.tla", "a.cfg", "pass", "ci", "b", "d", "-", "", "-"),
        row("m3", "a.tla", "a.cfg", "pass", "ci", "b", "d"))).entries();
    assertThat(entries).extracting(ModelEntry::c1Only).containsExactly(true, false, false);
    assertError(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d", "-", "-", "c2")),
        "spec/models.tsv:2: jit must be c1, - or empty, found 'c2'");
  }

  @Test
  void unknownModelNamesAreUserErrorsListingKnownOnes() throws IOException {
    ModelManifest m = ModelManifest.load(specDirWith(HEADER, row("m1", "a.tla", "a.cfg", "pass", "ci", "b", "d")));
    assertThatThrownBy(() -> m.select(List.of("nope"), Set.of(Suite.CI)))
        .isInstanceOf(UserError.class).hasMessageContaining("no model named 'nope'").hasMessageContaining("m1");
  }

  private static void assertError(Path spec, String message) {
    assertThatThrownBy(() -> ModelManifest.load(spec)).isInstanceOf(UserError.class)
        .hasMessageStartingWith(message);
  }
}
