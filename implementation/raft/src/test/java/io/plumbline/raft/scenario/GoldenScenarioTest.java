package io.plumbline.raft.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden scenarios: each {@code src/test/resources/raft/scenarios/*.txt} script runs against a
 * hand-driven cluster and its transcript must equal the one in the file. Regenerate with
 * {@code mvn -pl implementation/raft test -Dtest=GoldenScenarioTest -Dplumbline.rewrite=true} and
 * review the change with {@code git diff}.
 */
class GoldenScenarioTest {
  private static final Path DIR = Path.of("src/test/resources/raft/scenarios");

  @TestFactory
  Stream<DynamicTest> scenarios() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    ScenarioScript script = ScenarioScript.parse(text);
    List<String> actual = new ScenarioRunner().run(script);
    String rendered = script.render(actual);
    if (Boolean.getBoolean("plumbline.rewrite")) {
      Files.writeString(file, rendered, StandardCharsets.UTF_8);
      return;
    }
    assertThat(rendered).as("transcript of %s (rewrite with -Dplumbline.rewrite=true)", file)
        .isEqualTo(text);
  }
}
