package io.plumbline.raft.scenario;

import io.plumbline.raft.InjectedBug;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** A golden scenario as a check for other packages: the first VIOLATION line its run prints. */
public final class ScenarioViolations {
  private static final Path DIR = Path.of("src/test/resources/raft/scenarios");

  private ScenarioViolations() {}

  /** Runs scenario {@code file} on cores with {@code bugs}; the violation it reports, if any. */
  public static Optional<String> firstViolation(String file, Set<InjectedBug> bugs) {
    try {
      ScenarioScript script = ScenarioScript.parse(
          Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
      for (String block : new ScenarioRunner(bugs).run(script)) {
        for (String line : block.split("\n")) {
          if (line.startsWith("VIOLATION ")) {
            return Optional.of(line.substring("VIOLATION ".length()));
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
