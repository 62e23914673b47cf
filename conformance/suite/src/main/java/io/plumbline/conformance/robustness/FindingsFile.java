package io.plumbline.conformance.robustness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code robustness/findings.json}: the run's numbers and every finding, machine-readable. */
final class FindingsFile {
  private FindingsFile() {}

  static void write(Path file, FuzzResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("requests", r.requests());
    root.put("batches", r.batches());
    root.put("elapsed_ms", r.elapsedMillis());
    root.put("requests_per_second", Math.round(r.requestsPerSecond() * 10) / 10.0);
    root.put("stop_reason", r.stopReason());
    List<Map<String, Object>> list = new ArrayList<>();
    for (Finding f : r.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("category", Finding.CATEGORY);
      m.put("kind", f.kind());
      m.put("summary", f.summary());
      m.put("request", f.request() == null ? null : f.request().text());
      m.put("target_answered", f.target());
      m.put("differential_answered", f.other());
      m.put("replay_file", f.replayFile());
      m.put("reproduce", f.reproduce());
      list.add(m);
    }
    root.put("findings", list);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
