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
 * Proves the runner fails when it should: real TLC runs on the deliberately broken toy models in
 * src/test/resources/broken-spec.
 */
class RunnerBitesTest {
  @TempDir static Path evidence;
  private static ModelManifest manifest;
  private static ModelRunner runner;

  @BeforeAll
  static void load() {
    manifest = ModelManifest.load(SpecTestFiles.resource("broken-spec"));
    runner = new ModelRunner(new TlcLauncher(1, "256m"), evidence, CheckListener.SILENT);
  }

  private static ModelReport check(String name) {
    return runner.check(manifest.find(name).orElseThrow(), 1, 1);
  }

  @Test
  void brokenInvariantIsAnUnexpectedViolationWithReadableCounterexample() {
    ModelReport r = check("counter-broken");
    assertThat(r.verdict()).isEqualTo(Verdict.UNEXPECTED_VIOLATION);
    assertThat(r.result().violated()).isEqualTo("StaysBelowThree");
    assertThat(CounterexampleText.render(r.result())).isEqualTo("""
          Counterexample: invariant StaysBelowThree violated in 4 states (after the first, only what changed is shown)
              1  Initial predicate
                steps = 0
                x = 0
              2  Next  (Counter:17)
                steps = 1
                x = 1
              3  Next  (Counter:17)
                steps = 2
                x = 2
              4  Next  (Counter:17)
                steps = 3
                x = 3
        """);
    assertThat(r.counterexampleFile()).get().satisfies(f -> assertThat(f).exists().startsWith(evidence));
  }

  @Test
  void expectedViolationThatNeverHappensIsMissing() {
    ModelReport r = check("counter-missing");
    assertThat(r.verdict()).isEqualTo(Verdict.EXPECTED_VIOLATION_MISSING);
    assertThat(r.result().stats().distinct()).isEqualTo(5);
    assertThat(r.counterexampleFile()).isEmpty();
  }

  @Test
  void expectedDeadlockIsFound() {
    ModelReport r = check("counter-deadlock");
    assertThat(r.verdict()).isEqualTo(Verdict.EXPECTED_VIOLATION_FOUND);
    assertThat(r.result().trace()).hasSize(3);
  }

  @Test
  void configNamingAnUndefinedInvariantIsAnError() {
    ModelReport r = check("counter-undefined");
    assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(r.result().errorText()).contains("NoSuchInvariant");
  }
}
