package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.HistoryReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our own small histories per model, under test resources {@code histories/<model>/{good,bad}}:
 * each good one must check valid and each bad one invalid (with a failure report), proving every
 * model can fail. Register models start at 0 (Knossos's convention); the others at their default.
 */
class OwnHistoriesTest {

  @TestFactory
  List<DynamicTest> everyModelAcceptsItsGoodAndRejectsItsBadHistories() throws Exception {
    Path root = resources();
    List<DynamicTest> tests = new ArrayList<>();
    for (String model : Models.NAMES) {
      for (String verdict : List.of("good", "bad")) {
        List<Path> files = list(root.resolve(model).resolve(verdict));
        assertThat(files).as("%s/%s has histories", model, verdict).isNotEmpty();
        for (Path f : files) {
          tests.add(DynamicTest.dynamicTest(model + "/" + verdict + "/" + f.getFileName(), () -> {
            History h = HistoryReader.read(f);
            Object init = model.endsWith("register") && !model.equals("multi-register") ? (Object) 0L : null;
            CheckResult r = LinearizabilityChecker.check(h, Models.create(model, init), Budget.ofTimeout(Duration.ofSeconds(10)));
            assertThat(r.validity()).as(r.reason()).isEqualTo(verdict.equals("good") ? Validity.TRUE : Validity.FALSE);
            if (verdict.equals("bad")) {
              assertThat(r.failure().attempts()).isNotEmpty();
            }
          }));
        }
      }
    }
    return tests;
  }

  static Path resources() throws URISyntaxException {
    return Path.of(OwnHistoriesTest.class.getResource("/histories").toURI());
  }

  private static List<Path> list(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
