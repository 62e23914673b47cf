package io.plumbline.raft.scenario;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.trace.NdjsonTraceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A golden scenario as a trace for other packages: runs the script on cores with the given bugs
 * and writes every event the cores emit as NDJSON, the format TLC trace validation reads. The
 * scenario pins the interleaving, so the trace is the same on every run (no seed decides whether
 * the situation it vouches for happens).
 */
public final class ScenarioTraces {
  private static final Path DIR = Path.of("src/test/resources/raft/scenarios");

  private ScenarioTraces() {}

  /** What a traced scenario run left: its transcript and its trace file. */
  public record Run(String transcript, Path trace) {
    /** Whether the run's own safety checks (SafetyChecker) broke an invariant. */
    public boolean violated() {
      return transcript.contains("\nVIOLATION ") || transcript.startsWith("VIOLATION ");
    }
  }

  /** Runs scenario {@code file} with {@code bugs}, writing its trace into {@code dir}. */
  public static Run run(String file, Set<InjectedBug> bugs, Path dir) {
    String name = file.replace(".txt", "") + (bugs.isEmpty() ? "" : "-" + bugs) + ".ndjson";
    Path trace = dir.resolve(name);
    try (NdjsonTraceWriter writer = new NdjsonTraceWriter(trace)) {
      ScenarioScript script = ScenarioScript.parse(
          Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
      String transcript = String.join("\n", new ScenarioRunner(bugs, writer).run(script));
      return new Run(transcript, trace);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
