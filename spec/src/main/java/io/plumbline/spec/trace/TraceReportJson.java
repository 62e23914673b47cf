package io.plumbline.spec.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The verdicts as JSON: {@code {"valid": n, "invalid": n, "traces": [{"file", "events", "valid",
 * "unexplained": {index, line, event, summary, reason, before, expected, actual}}]}}.
 */
public final class TraceReportJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TraceReportJson() {}

  public static String render(List<TraceVerdict> verdicts) {
    ObjectNode root = JSON.createObjectNode();
    root.put("valid", verdicts.stream().filter(TraceVerdict::valid).count());
    root.put("invalid", verdicts.stream().filter(v -> !v.valid()).count());
    ArrayNode list = root.putArray("traces");
    for (TraceVerdict v : verdicts) {
      ObjectNode o = list.addObject();
      o.put("file", v.file().toString());
      o.put("events", v.events());
      o.put("valid", v.valid());
      if (!v.valid()) {
        TraceVerdict.Unexplained u = v.failure();
        ObjectNode f = o.putObject("unexplained");
        f.put("index", u.index());
        f.put("line", u.line());
        f.put("event", u.event());
        f.put("summary", u.summary());
        f.put("reason", u.reason());
        f.set("before", JSON.valueToTree(u.before()));
        f.set("expected", u.expected() == null ? null : JSON.valueToTree(u.expected()));
        f.set("actual", JSON.valueToTree(u.actual()));
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render the verdicts", e);
    }
  }
}
