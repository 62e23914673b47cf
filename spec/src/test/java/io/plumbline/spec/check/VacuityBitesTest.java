package io.plumbline.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.manifest.ModelManifest;
import io.plumbline.spec.tlc.TlcLauncher;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the runner flags models that pass without checking anything: real TLC runs on the toy
 * models of src/test/resources/vacuous-spec (an unsatisfiable CONSTRAINT; an action that can never
 * fire, with and without the manifest allowing it to be dead; a simulation whose walks cannot reach
 * their target).
 */
class VacuityBitesTest {
  @TempDir static Path evidence;
  private static ModelManifest manifest;
  private static ModelRunner runner;

  @BeforeAll
  static void load() {
    manifest = ModelManifest.load(SpecTestFiles.resource("vacuous-spec"));
    runner = new ModelRunner(new TlcLauncher(1, "256m"), evidence, CheckListener.SILENT);
  }

  private static ModelReport check(String name) {
    return runner.check(manifest.find(name).orElseThrow(), 1, 1);
  }

  @Test
  void anUnsatisfiableConstraintIsVacuous() {
    ModelReport r = check("lamp-cut");
    assertThat(r.result().outcome()).hasToString("NO_ERROR");
    assertThat(r.verdict()).isEqualTo(Verdict.VACUOUS);
    assertThat(r.vacuity()).containsExactly(
        "no state beyond the initial one(s): 0 distinct, 0 initial",
        "never fired (0 distinct states): Inc, Reset",
        "a second complete run confirmed the dead action(s)");
  }

  @Test
  void anActionThatNeverFiresIsVacuousAndNamed() {
    ModelReport r = check("lamp-dead-reset");
    assertThat(r.result().stats().distinct()).isEqualTo(4);
    assertThat(r.result().coverage()).containsEntry("Inc", 3L).containsEntry("Reset", 0L);
    assertThat(r.verdict()).isEqualTo(Verdict.VACUOUS);
    // A dead action stays dead in the second run the runner makes to confirm it.
    assertThat(r.vacuity()).containsExactly("never fired (0 distinct states): Reset",
        "a second complete run confirmed the dead action(s)");
  }

  @Test
  void anActionTheManifestAllowsToBeDeadPasses() {
    ModelReport r = check("lamp-reset-allowed-dead");
    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.vacuity()).isEmpty();
  }

  @Test
  void aSimulationThatReachesItsTargetPassesAndSaysHowFar() {
    ModelReport r = check("SIMlamp-reached");
    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.simulation()).hasValueSatisfying(reach -> assertThat(reach.summary())
        .isEqualTo("highest term 3 (first at depth 4); target reached: term 3 at depth 4"));
  }

  @Test
  void aSimulationThatNeverReachesItsTargetIsVacuous() {
    ModelReport r = check("SIMlamp-unreached");
    assertThat(r.result().outcome()).hasToString("NO_ERROR");
    assertThat(r.verdict()).isEqualTo(Verdict.VACUOUS);
    assertThat(r.vacuity()).containsExactly("no walk reached the simulation's target (SimTarget): "
        + "highest term 3 (first at depth 4); target NOT reached");
  }
}
