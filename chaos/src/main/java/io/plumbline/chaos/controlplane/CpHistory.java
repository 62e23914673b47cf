package io.plumbline.chaos.controlplane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's history as JSON lines: client operations (invoke, then ok / fail (definite) / info
 * (indeterminate)) and nemesis events, each with its time since the start in ms.
 */
final class CpHistory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final long startNanos = System.nanoTime();
  private final List<ObjectNode> events = new ArrayList<>();

  synchronized void add(String process, String type, String f, String value) {
    ObjectNode e = JSON.createObjectNode();
    e.put("process", process).put("type", type).put("f", f).put("value", value)
        .put("timeMs", elapsedMs());
    events.add(e);
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  synchronized long count(String type) {
    return events.stream().filter(e -> e.path("type").asText().equals(type)).count();
  }

  synchronized void write(Path file) throws IOException {
    StringBuilder b = new StringBuilder();
    for (ObjectNode e : events) {
      b.append(JSON.writeValueAsString(e)).append('\n');
    }
    Files.writeString(file, b);
  }
}
