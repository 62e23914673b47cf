package io.plumbline.spec.check;

import io.plumbline.spec.tlc.TlaValues;
import io.plumbline.spec.tlc.TraceState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What changed from one counterexample state to the next, down to function entries and record
 * fields ({@code observed[c2].holder}), so a reader sees the step, not two walls of values.
 */
public final class TraceDiff {
  /** Shown for a path that existed before and is gone now (e.g. a function's domain shrank). */
  public static final String GONE = "(gone)";

  private TraceDiff() {}

  /** Path → new value for every leaf that differs between {@code before} and {@code after}. */
  public static Map<String, String> changes(TraceState before, TraceState after) {
    Map<String, String> changed = new LinkedHashMap<>();
    for (Map.Entry<String, String> var : after.variables().entrySet()) {
      String old = before.variables().get(var.getKey());
      if (Objects.equals(old, var.getValue())) {
        continue;
      }
      Map<String, String> now = TlaValues.flatten(var.getKey(), var.getValue());
      Map<String, String> was = old == null ? Map.of() : TlaValues.flatten(var.getKey(), old);
      now.forEach((path, value) -> {
        if (!value.equals(was.get(path))) {
          changed.put(path, value);
        }
      });
      was.keySet().stream().filter(p -> !now.containsKey(p)).forEach(p -> changed.put(p, GONE));
    }
    return changed;
  }
}
