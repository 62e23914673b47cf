package io.plumbline.checker.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.Failure;
import io.plumbline.history.Operation;
import io.plumbline.history.Values;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link CheckResult} as JSON (format in conformance/README.md, "Result JSON"). */
public final class ResultJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {}

  public static String toJson(CheckResult r) {
    try {
      return JSON.writeValueAsString(toMap(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode result", e);
    }
  }

  static Map<String, Object> toMap(CheckResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", r.history().source());
    m.put("model", r.model());
    m.put("valid", switch (r.validity()) {
      case TRUE -> (Object) true;
      case FALSE -> false;
      case UNKNOWN -> "unknown";
    });
    m.put("reason", r.reason());
    m.put("operations", r.operations());
    m.put("partitions", r.partitions());
    m.put("memo_entries", r.memoEntries());
    m.put("elapsed_ms", r.elapsedNanos() / 1e6);
    if (r.failure() != null) {
      m.put("failure", failure(r));
    }
    return m;
  }

  private static Map<String, Object> failure(CheckResult r) {
    Failure f = r.failure();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("partition", f.partition());
    m.put("operation", op(r, f.operation()));
    Operation previousOk = null;
    for (Operation o : f.prefix()) {
      previousOk = o.isDefinite() ? o : previousOk;
    }
    m.put("previous_ok", previousOk == null ? null : op(r, previousOk)); // as Knossos: last ok op linearized
    m.put("state_after_prefix", f.stateAfterPrefix());
    m.put("prefix_length", f.prefix().size());
    m.put("prefix", f.prefix().stream().map(o -> op(r, o)).toList());
    m.put("concurrent", f.concurrent().stream().map(o -> op(r, o)).toList());
    m.put("attempts", f.attempts());
    return m;
  }

  static Map<String, Object> op(CheckResult r, Operation o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process", o.process());
    m.put("f", o.f());
    m.put("key", o.key() == null ? null : Values.show(o.key()));
    m.put("input", Values.show(o.input()));
    m.put("output", o.isDefinite() ? Values.show(o.output()) : null);
    m.put("outcome", o.outcome().name().toLowerCase(java.util.Locale.ROOT));
    m.put("invoke_index", o.callIndex());
    m.put("complete_index", o.completion() == null ? null : o.completion().index());
    m.put("line", r.history().line(o.callIndex()));
    return m;
  }
}
