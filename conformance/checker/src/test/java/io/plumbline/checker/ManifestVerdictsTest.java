package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.HistoryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of every MANIFEST.tsv under the shared histories: the checker, with the default model
 * for the file (as {@code check-history FILE} picks it), must give {@code expected_linearizable}.
 * The verdict is computed from the file alone; the manifest is only the answer key.
 */
class ManifestVerdictsTest {

  static Path historiesRoot() {
    String prop = System.getProperty("plumbline.histories");
    Path root = prop != null ? Path.of(prop) : Path.of("../../..", "shared", "histories");
    if (!Files.isDirectory(root)) {
      throw new AssertionError("the shared histories are missing: expected a directory at " + root.toAbsolutePath()
          + " (set -Dplumbline.histories=DIR)");
    }
    return root;
  }

  static List<String[]> manifestRows(Path root) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (Stream<Path> manifests = Files.walk(root).filter(p -> p.getFileName().toString().equals("MANIFEST.tsv"))) {
      for (Path manifest : manifests.sorted().toList()) {
        List<String> lines = Files.readAllLines(manifest);
        for (String line : lines.subList(1, lines.size())) {
          if (!line.isBlank()) {
            String[] cols = line.split("\t");
            rows.add(new String[] {manifest.getParent().resolve(cols[0]).toString(), cols[1]});
          }
        }
      }
    }
    return rows;
  }

  @TestFactory
  List<DynamicTest> everyManifestRowGetsItsExpectedVerdict() throws IOException {
    Path root = historiesRoot();
    List<String[]> rows = manifestRows(root);
    assertThat(rows).as("manifest rows under " + root).hasSizeGreaterThanOrEqualTo(100);
    List<DynamicTest> tests = new ArrayList<>();
    for (String[] row : rows) {
      Path file = Path.of(row[0]);
      boolean expected = Boolean.parseBoolean(row[1]);
      tests.add(DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
        History h = HistoryReader.read(file);
        CheckResult r = LinearizabilityChecker.check(h, Models.infer(h, HistoryReader.detect(file.toString(),
            Files.readString(file)), null), Budget.ofTimeout(Duration.ofSeconds(60)));
        assertThat(r.validity()).as("%s: %s", file, r.reason()).isEqualTo(expected ? Validity.TRUE : Validity.FALSE);
        if (!expected) {
          assertThat(r.failure()).isNotNull();
        }
      }));
    }
    return tests;
  }
}
