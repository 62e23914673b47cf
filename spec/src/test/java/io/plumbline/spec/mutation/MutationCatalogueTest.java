package io.plumbline.spec.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.TlcSlots;
import io.plumbline.spec.check.CheckListener;
import io.plumbline.spec.check.CounterexampleText;
import io.plumbline.spec.check.ModelReport;
import io.plumbline.spec.check.ModelRunner;
import io.plumbline.spec.check.Verdict;
import io.plumbline.spec.manifest.Expectation;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.manifest.ModelManifest;
import io.plumbline.spec.manifest.Suite;
import io.plumbline.spec.tlc.TlcLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the spec's mutation catalogue ({@code spec/mutations/}): every entry is applied to a scratch
 * copy of the spec folder and the CI model it names is checked on the copy; the model must report
 * exactly the entry's invariant (a SIM model is simulated with the same num, depth and seed as in
 * CI; the checks an entry's {@code without:} names are left out of the copy's cfg). An entry no
 * check catches, a search text that no longer matches the spec, or a model that
 * is not a passing {@code ci} model fails the build. The last test
 * writes the table with this run's times to {@code target/mutation-table.md} and fails if the
 * README's copy (between {@link MutationTable#BEGIN} and {@link MutationTable#END}) lists other
 * mutations, models or invariants than the catalogue. The mutants are checked
 * {@link TlcSlots#slots()} at a time.
 */
class MutationCatalogueTest {
  /** The bar: at least this many plausible bugs. */
  private static final int MIN_ENTRIES = 12;

  @TempDir Path work;
  @TempDir Path evidence;

  private final Map<String, Double> seconds = new ConcurrentHashMap<>();

  @TestFactory
  Stream<DynamicTest> everyMutationIsCaughtByItsCiModel() {
    Path specDir = SpecTestFiles.specDir();
    List<Mutation> catalogue = MutationCatalogue.load(specDir);
    ModelManifest manifest = ModelManifest.load(specDir);
    ModelRunner runner = new ModelRunner(new TlcLauncher(TlcSlots.workersPerRun(), "1g"), evidence,
        CheckListener.SILENT);
    Stream<DynamicTest> size = Stream.of(DynamicTest.dynamicTest("at least " + MIN_ENTRIES + " entries",
        () -> assertThat(catalogue).hasSizeGreaterThanOrEqualTo(MIN_ENTRIES)));
    // -Dplumbline.mutations=a,b runs only those entries (to work on one); the README check still
    // compares the whole catalogue.
    List<String> only = List.of(System.getProperty("plumbline.mutations", "").split(",")).stream()
        .filter(n -> !n.isBlank()).toList();
    List<Mutation> chosen = catalogue.stream().filter(m -> only.isEmpty() || only.contains(m.name())).toList();
    List<Future<ModelReport>> started = TlcSlots.startAll(chosen.stream()
        .map(m -> (Callable<ModelReport>) () -> check(m, manifest, runner, specDir)).toList());
    Stream<DynamicTest> mutants = chosen.stream().map(m -> DynamicTest.dynamicTest(m.name(),
        () -> caught(m, TlcSlots.await(started.get(chosen.indexOf(m))))));
    Stream<DynamicTest> table = Stream.of(DynamicTest.dynamicTest("README table in step", () -> {
      for (Future<ModelReport> run : started) {
        try {
          run.get(); // the table carries every run's time
        } catch (ExecutionException reportedByItsOwnTest) {
          // that mutant's own test fails with it
        }
      }
      readmeInStep(catalogue, specDir);
    }));
    return Stream.of(size, mutants, table).flatMap(s -> s);
  }

  /** Checks the mutant of {@code m} (run in a TLC slot). */
  private ModelReport check(Mutation m, ModelManifest manifest, ModelRunner runner, Path specDir)
      throws IOException {
    ModelEntry model = manifest.find(m.model()).orElseThrow(
        () -> new AssertionError(m.source() + ": no model '" + m.model() + "' in models.tsv"));
    assertThat(model.suite()).as("%s: %s must be a ci model", m.name(), m.model()).isEqualTo(Suite.CI);
    assertThat(model.expected().expectsPass()).as("%s: %s must be a passing model", m.name(), m.model())
        .isTrue();
    ModelReport r = runner.check(onMutatedCopy(m, model, specDir), 1, 1);
    seconds.put(m.name(), r.seconds());
    return r;
  }

  /** The mutant's run must report exactly the entry's invariant. */
  private static void caught(Mutation m, ModelReport r) {
    System.out.printf("mutation %s on %s: %s, %,d distinct states, depth %d, %.1f s%n", m.name(),
        m.model(), r.verdict().label(), r.result().stats().distinct(), r.result().stats().depth(),
        r.seconds());
    assertThat(r.verdict())
        .as("%s on %s: expected %s violated, got %s (%s)%n%s%s", m.name(), m.model(), m.catches(),
            r.verdict().label(), r.result().violated(), r.result().errorText(),
            CounterexampleText.render(r.result()))
        .isEqualTo(Verdict.EXPECTED_VIOLATION_FOUND);
  }

  /** The model's entry pointed at a scratch copy of spec/ in which the mutation is applied. */
  private ModelEntry onMutatedCopy(Mutation m, ModelEntry model, Path specDir) throws IOException {
    Path copy = work.resolve(m.name());
    for (Path p : List.of(model.module(), model.config(), specDir.resolve(m.file()))) {
      copyFolder(p.getParent(), copy.resolve(specDir.relativize(p.getParent())));
    }
    Path target = copy.resolve(m.file());
    Files.writeString(target, m.applyTo(Files.readString(target)));
    Path cfg = copy.resolve(specDir.relativize(model.config()));
    Files.writeString(cfg, m.configFor(Files.readString(cfg), specDir.relativize(model.config())));
    return new ModelEntry(model.name() + "+" + m.name(), copy.resolve(specDir.relativize(model.module())),
        copy.resolve(specDir.relativize(model.config())), Expectation.violationOf(m.catches()),
        Suite.CI, model.bounds(), m.why(), 0, Set.of(), model.simulation());
  }

  private static void copyFolder(Path from, Path to) throws IOException {
    if (Files.isDirectory(to)) {
      return;
    }
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  private void readmeInStep(List<Mutation> catalogue, Path specDir) throws IOException {
    Path generated = SpecTestFiles.root().resolve("spec/target/mutation-table.md");
    Files.createDirectories(generated.getParent());
    Files.writeString(generated, MutationTable.render(catalogue, seconds));
    String readme = Files.readString(specDir.resolve("README.md"));
    assertThat(MutationTable.rowsWithoutTimes(readme))
        .as("spec/README.md's mutation table differs from the catalogue: paste %s between %s and %s",
            generated, MutationTable.BEGIN, MutationTable.END)
        .isEqualTo(MutationTable.rowsWithoutTimes(catalogue));
  }
}
