package io.plumbline.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads plumbline's canonical JSON Lines history format (one event object per line). */
final class JsonlReader {
  /** Refuses an object with a field twice (Jackson would keep the last silently: which "type" or "value" was meant?). */
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private JsonlReader() {}

  static History read(String source, BufferedReader in) throws IOException {
    IndexOrder order = new IndexOrder(source);
    return ((LineFormat) (src, lineNo, text, index) -> parseLine(src, lineNo, text, index, order)).read(source, in);
  }

  private static Op parseLine(String source, int lineNo, String text, int index, IndexOrder order) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedHistoryException(source, lineNo,
          "expected one JSON object per line: " + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      throw new MalformedHistoryException(source, lineNo, "expected a JSON object, found " + node.getNodeType());
    }
    order.check(lineNo, toJava(node.get("index")));
    String process = processOf(source, lineNo, node.get("process"));
    OpType type = node.hasNonNull("type") ? OpType.parse(node.get("type").asText()) : null;
    if (type == null) {
      throw new MalformedHistoryException(source, lineNo,
          "expected \"type\" to be one of invoke, ok, fail, info");
    }
    JsonNode f = node.get("f");
    if (f == null || !f.isTextual()) {
      throw new MalformedHistoryException(source, lineNo, "expected \"f\" to be a string");
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!JsonlWriter.FIELDS.contains(e.getKey())) {
        extra.put(e.getKey(), toJava(e.getValue()));
      }
    }
    return new Op(index, process, type, f.asText(), toJava(node.get("value")), toJava(node.get("key")),
        longOrNull(source, lineNo, node, "time"), longOrNull(source, lineNo, node, "wall_time_ms"), extra);
  }

  private static String processOf(String source, int lineNo, JsonNode p) {
    if (p != null && p.isIntegralNumber() && p.canConvertToLong() && p.asLong() >= 0) {
      return Long.toString(p.asLong());
    }
    if (p != null && p.isTextual() && !p.asText().isEmpty()) {
      return p.asText();
    }
    throw new MalformedHistoryException(source, lineNo,
        "expected \"process\" to be a non-negative integer (client) or a name such as \"nemesis\"");
  }

  private static Long longOrNull(String source, int lineNo, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber()) {
      throw new MalformedHistoryException(source, lineNo, "expected \"" + field + "\" to be an integer");
    }
    return v.asLong();
  }

  /** JSON to plain Java data: null, Long, Double, String, Boolean, List, Map. */
  static Object toJava(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? (Object) n.asLong() : n.bigIntegerValue();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isArray()) {
      List<Object> list = new ArrayList<>(n.size());
      n.forEach(x -> list.add(toJava(x)));
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    n.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
    return map;
  }
}
