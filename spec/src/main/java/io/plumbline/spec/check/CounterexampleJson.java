package io.plumbline.spec.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TraceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a counterexample as JSON: the model, what was violated, and per state its number,
 * action, location, the changed paths and every variable's full value.
 */
public final class CounterexampleJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CounterexampleJson() {}

  /** Writes {@code <dir>/<model>.counterexample.json} and returns its path. */
  public static Path write(Path dir, ModelEntry entry, TlcRunResult result) {
    Path file = dir.resolve(entry.name() + ".counterexample.json");
    try {
      Files.createDirectories(dir);
      JSON.writeValue(file.toFile(), document(entry, result));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  static Map<String, Object> document(ModelEntry entry, TlcRunResult result) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", entry.name());
    doc.put("module", entry.module().toString());
    doc.put("config", entry.config().toString());
    doc.put("kind", result.outcome() == TlcRunResult.Outcome.DEADLOCK ? "deadlock" : "invariant");
    doc.put("violated", result.violated());
    doc.put("states", states(result.trace()));
    return doc;
  }

  private static List<Map<String, Object>> states(List<TraceState> trace) {
    List<Map<String, Object>> states = new ArrayList<>();
    TraceState previous = null;
    for (TraceState s : trace) {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("number", s.number());
      state.put("action", s.action());
      state.put("location", s.location());
      state.put("changed", previous == null ? s.variables() : TraceDiff.changes(previous, s));
      state.put("variables", s.variables());
      states.add(state);
      if (!s.variables().isEmpty()) {
        previous = s;
      }
    }
    return states;
  }
}
