package io.plumbline.spec.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.common.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads an NDJSON trace and checks every event's shape against the documented format
 * ({@code spec/raft/README.md}); a malformed event is a one-line {@link UserError} naming
 * file:line and the field. Whether the events make sense is TLC's job, not this reader's.
 */
public final class TraceFileReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ROLES = Set.of("Follower", "PreCandidate", "Candidate", "Leader");

  private TraceFileReader() {}

  /** Reads and checks {@code path}. */
  public static TraceFile read(Path path) {
    List<TraceFile.Event> events = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (!line.isBlank()) {
          events.add(new TraceFile.Event(lineNo, parse(path, lineNo, line)));
        }
      }
    } catch (IOException e) {
      throw new UserError(path + ": cannot read: " + e.getMessage());
    }
    if (events.isEmpty()) {
      throw new UserError(path + ": no events (expected one JSON object per line)");
    }
    return new TraceFile(path, events);
  }

  private static JsonNode parse(Path path, int line, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserError(path + ":" + line + ": not JSON: " + e.getOriginalMessage());
    }
    new Check(path + ":" + line).event(node);
    return node;
  }

  /** Shape checks for one event; {@code where} is file:line. */
  private record Check(String where) {
    void event(JsonNode e) {
      object(e, "event");
      text(e, "event", false);
      text(e, "node", false);
      if (e.has("peer")) {
        text(e, "peer", true);
      }
      if (e.has("read")) {
        text(e, "read", false);
      }
      if (e.hasNonNull("msg")) {
        message(e.get("msg"));
      }
      state(e.get("state"));
      if (e.has("append")) {
        append(e.get("append"));
      }
    }

    void state(JsonNode s) {
      if (s == null || !s.isObject()) {
        fail("state", "missing or not an object");
      }
      natural(s, "state.currentTerm");
      text(s, "state.votedFor", true);
      text(s, "state.state", false);
      if (!ROLES.contains(s.get("state").asText())) {
        fail("state.state", "expected one of " + ROLES + ", got " + s.get("state"));
      }
      natural(s, "state.commitIndex");
      if (s.has("log")) {
        entries(s.get("log"), "state.log");
      } else {
        natural(s, "state.logLen");
        natural(s, "state.lastLogTerm");
      }
    }

    void message(JsonNode m) {
      object(m, "msg");
      text(m, "msg.mtype", false);
      natural(m, "msg.mterm");
      text(m, "msg.msource", false);
      text(m, "msg.mdest", false);
      if (m.has("mentries")) {
        entries(m.get("mentries"), "msg.mentries");
      }
    }

    void append(JsonNode a) {
      object(a, "append");
      natural(a, "append.from");
      if (a.get("from").asLong() < 1) {
        fail("append.from", "expected >= 1, got " + a.get("from"));
      }
      entries(a.get("entries"), "append.entries");
      if (a.get("entries").isEmpty()) {
        fail("append.entries", "empty (omit append when the action wrote nothing)");
      }
    }

    void entries(JsonNode list, String field) {
      if (list == null || !list.isArray()) {
        fail(field, "missing or not an array of {term, value}");
      }
      for (int k = 0; k < list.size(); k++) {
        JsonNode entry = list.get(k);
        String at = field + "[" + k + "]";
        if (!entry.isObject()) {
          fail(at, "not an object {term, value}");
        }
        natural(entry, at + ".term");
        text(entry, at + ".value", true);
      }
    }

    void object(JsonNode n, String field) {
      if (n == null || !n.isObject()) {
        fail(field, "expected a JSON object");
      }
    }

    void text(JsonNode parent, String path, boolean nullable) {
      JsonNode v = parent.get(leaf(path));
      if (v == null || (v.isNull() && !nullable) || !(v.isNull() || v.isTextual())) {
        fail(path, v == null ? "missing" : "expected a string" + (nullable ? " or null" : "")
            + ", got " + v);
      }
    }

    void natural(JsonNode parent, String path) {
      JsonNode v = parent.get(leaf(path));
      if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
        fail(path, v == null ? "missing" : "expected a natural number, got " + v);
      }
    }

    private static String leaf(String path) {
      return path.substring(path.lastIndexOf('.') + 1);
    }

    private void fail(String field, String problem) {
      throw new UserError(where + ": field " + field + ": " + problem);
    }
  }
}
