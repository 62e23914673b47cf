package io.plumbline.spec.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One NDJSON trace, read and checked for shape ({@link TraceFileReader}).
 *
 * @param path where it was read from
 * @param events the events in order, each with the file line it came from
 */
public record TraceFile(Path path, List<Event> events) {
  public TraceFile {
    events = List.copyOf(events);
  }

  /** One event: its 1-based line in the file and its JSON object. */
  public record Event(int line, JsonNode json) {
    /** The event's action name. */
    public String name() {
      return json.get("event").asText();
    }

    /** The acting node. */
    public String node() {
      return json.get("node").asText();
    }
  }
}
