package io.plumbline.spec.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine-readable summary written by {@code --json FILE}. */
public final class ResultsJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  /** Writes the summary of {@code reports} to {@code file}. */
  public static void write(Path file, List<ModelReport> reports, int workers) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("workers", workers);
    doc.put("allAsExpected", reports.stream().allMatch(r -> r.verdict().asExpected()));
    doc.put("models", reports.stream().map(ResultsJson::model).toList());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JSON.writeValue(file.toFile(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Map<String, Object> model(ModelReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.entry().name());
    m.put("suite", r.entry().suite().label());
    m.put("expected", r.entry().expected().toString());
    m.put("verdict", r.verdict().label());
    m.put("outcome", r.result().outcome().name());
    m.put("violated", r.result().violated());
    m.put("distinctStates", r.result().stats().distinct());
    m.put("statesGenerated", r.result().stats().generated());
    m.put("depth", r.result().stats().depth());
    m.put("initialStates", r.result().initialStates());
    m.put("vacuity", r.vacuity());
    m.put("actionsNotFired", Vacuity.deadActions(r.result(), r.entry().allowedDead()));
    m.put("coverage", r.result().coverage());
    m.put("seconds", Math.round(r.seconds() * 10) / 10.0);
    m.put("loadAfter", r.loadAfter().isPresent() ? r.loadAfter().getAsDouble() : null);
    m.put("counterexample", r.counterexampleFile().map(Path::toString).orElse(null));
    m.put("error", r.result().errorText().isEmpty() ? null : r.result().errorText());
    return m;
  }
}
