package io.plumbline.spec.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.TlcSlots;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.manifest.ModelManifest;
import io.plumbline.spec.manifest.Suite;
import io.plumbline.spec.tlc.TlcLauncher;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ci} model of spec/models.tsv, checked by TLC through the runner: a spec regression
 * (a violation that should not happen, or a debug/expected violation that no longer happens)
 * fails the build here, and so does a model that passes without checking anything (VACUOUS).
 * The models are checked two at a time ({@link TlcSlots#slots()}): a model expected to pass runs
 * with action coverage on one worker ({@link TlcLauncher#withCoverage()}: coverage is only
 * repeatable with one), so two of them side by side keep both cores busy; the long passing runs
 * start first and the short expected violations fill the other slot.
 */
class CiModelsTest {
  @TempDir Path evidence;

  @TestFactory
  Stream<DynamicTest> everyCiModelGivesItsExpectedResult() {
    // -Dplumbline.models=a,b runs only those ci models (to work on one).
    List<String> only = Stream.of(System.getProperty("plumbline.models", "").split(","))
        .filter(n -> !n.isBlank()).toList();
    List<ModelEntry> ci = ModelManifest.load(SpecTestFiles.specDir()).select(List.of(), Set.of(Suite.CI))
        .stream().filter(e -> only.isEmpty() || only.contains(e.name())).toList();
    ModelRunner runner = new ModelRunner(new TlcLauncher(TlcSlots.workersPerRun(), "2g"), evidence,
        CheckListener.SILENT);
    // Exhaustive passing models (the long runs) start first, so with two slots the short ones fill the other.
    List<ModelEntry> longFirst = Stream.concat(ci.stream().filter(CiModelsTest::exhaustivePass),
        ci.stream().filter(e -> !exhaustivePass(e))).toList();
    List<Future<ModelReport>> started = TlcSlots.startAll(longFirst.stream()
        .map(entry -> (Callable<ModelReport>) () -> runner.check(entry, 1, 1)).toList(), TlcSlots.slots());
    return ci.stream().map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
      ModelReport r = TlcSlots.await(started.get(longFirst.indexOf(entry)));
      // One line per model in the build log: where the spec phase's time goes, with TLC's
      // deterministic counts beside the wall-clock seconds.
      System.out.printf("ci model %s: %s, %,d distinct / %,d generated states, depth %d, %.1f s%n",
          entry.name(), r.verdict().label(), r.result().stats().distinct(),
          r.result().stats().generated(), r.result().stats().depth(), r.seconds());
      assertThat(r.verdict().asExpected())
          .as("%s: expected %s, got %s (%s)%n%s%s%s", entry.name(), entry.expected(), r.verdict().label(),
              r.result().violated(), r.result().errorText(), CounterexampleText.render(r.result()),
              String.join("\n", r.vacuity()))
          .isTrue();
    }));
  }

  private static boolean exhaustivePass(ModelEntry entry) {
    return entry.expected().expectsPass() && entry.simulation().isEmpty();
  }
}
