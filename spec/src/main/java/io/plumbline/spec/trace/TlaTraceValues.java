package io.plumbline.spec.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders trace JSON as TLA+ values: objects → records, arrays → sequences, strings → strings,
 * null → {@code Nil}, booleans → TRUE/FALSE, naturals → numbers. Messages keep only the fields
 * EtcdRaft's message records have (implementations may add their own, e.g. etcd's reject hint).
 */
final class TlaTraceValues {
  /** The spec's message fields per type, besides mtype, mterm, msource, mdest. */
  private static final Map<String, List<String>> MESSAGE_FIELDS = Map.of(
      "PreVoteRequest", List.of("mlastLogTerm", "mlastLogIndex"),
      "RequestVoteRequest", List.of("mlastLogTerm", "mlastLogIndex"),
      "PreVoteResponse", List.of("mvoteGranted"),
      "RequestVoteResponse", List.of("mvoteGranted"),
      "AppendEntriesRequest", List.of("mprevLogIndex", "mprevLogTerm", "mentries", "mcommitIndex"),
      "AppendEntriesResponse", List.of("msuccess", "mmatchIndex"),
      "HeartbeatRequest", List.of("mcommitIndex", "mcontext"),
      "HeartbeatResponse", List.of("mcontext"),
      "SnapshotRequest", List.of("msnapshotIndex", "msnapshotTerm"));
  private static final List<String> COMMON = List.of("mtype", "mterm", "msource", "mdest");
  /** Event fields the trace spec reads. */
  private static final Set<String> EVENT_FIELDS =
      Set.of("event", "node", "peer", "msg", "read", "state", "append");

  private TlaTraceValues() {}

  /** One event as a TLA+ record. */
  static String event(JsonNode e) {
    StringBuilder b = new StringBuilder(256).append('[');
    boolean first = true;
    for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!EVENT_FIELDS.contains(f)) {
        continue;
      }
      b.append(first ? "" : ", ").append(f).append(" |-> ");
      first = false;
      if (f.equals("msg") && e.get(f).isObject()) {
        message(b, e.get(f));
      } else {
        value(b, e.get(f));
      }
    }
    if (!e.has("peer")) {
      b.append(", peer |-> Nil");
    }
    if (!e.has("msg")) {
      b.append(", msg |-> Nil");
    }
    return b.append(']').toString();
  }

  private static void message(StringBuilder b, JsonNode m) {
    List<String> extra = MESSAGE_FIELDS.getOrDefault(m.get("mtype").asText(), List.of());
    b.append('[');
    boolean first = true;
    for (List<String> fields : List.of(COMMON, extra)) {
      for (String f : fields) {
        if (m.has(f)) {
          b.append(first ? "" : ", ").append(f).append(" |-> ");
          first = false;
          value(b, m.get(f));
        }
      }
    }
    b.append(']');
  }

  /** Any JSON value as TLA+. Field names are TLA+ identifiers by the format's definition. */
  static void value(StringBuilder b, JsonNode v) {
    if (v == null || v.isNull()) {
      b.append("Nil");
    } else if (v.isTextual()) {
      string(b, v.asText());
    } else if (v.isBoolean()) {
      b.append(v.asBoolean() ? "TRUE" : "FALSE");
    } else if (v.isIntegralNumber() && v.asLong() >= 0) {
      b.append(v.asLong());
    } else if (v.isArray()) {
      b.append("<<");
      for (int i = 0; i < v.size(); i++) {
        b.append(i == 0 ? "" : ", ");
        value(b, v.get(i));
      }
      b.append(">>");
    } else if (v.isObject()) {
      b.append('[');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getKey().matches("[A-Za-z][A-Za-z0-9_]*")) {
          continue; // not a TLA+ field name, hence not one the spec reads
        }
        b.append(first ? "" : ", ").append(f.getKey()).append(" |-> ");
        first = false;
        value(b, f.getValue());
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException("no TLA+ form for " + v);
    }
  }

  /** A TLA+ string literal. */
  static void string(StringBuilder b, String s) {
    b.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    b.append('"');
  }
}
