package io.plumbline.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One history event.
 *
 * @param index position in the history (0-based); the order of events is their real-time order
 * @param process the process that issued it: a decimal number for clients ({@code "3"}), anything
 *     else (e.g. {@code "nemesis"}) for non-client processes, whose events checkers ignore
 * @param type invoke, ok, fail or info
 * @param f the operation's function, e.g. {@code read}, {@code put}, {@code acquire}
 * @param value the argument (on invoke) or result (on completion); plain Java data: null, Long,
 *     Double, String, Boolean, {@link Keyword}, List, Map, Set
 * @param key the key the operation is about, or null (single-register models)
 * @param timeNanos monotonic time in nanoseconds, or null when not recorded
 * @param wallTimeMillis wall-clock time in epoch milliseconds, or null when not recorded
 * @param extra every other field, kept verbatim (e.g. {@code error}); never null
 */
public record Op(
    int index,
    String process,
    OpType type,
    String f,
    Object value,
    Object key,
    Long timeNanos,
    Long wallTimeMillis,
    Map<String, Object> extra) {

  public Op {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
    extra = extra == null || extra.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(extra)); // keeps order and nil values
  }

  /** A minimal event without key, times or extra fields. */
  public static Op of(int index, String process, OpType type, String f, Object value) {
    return new Op(index, process, type, f, value, null, null, null, Map.of());
  }

  /** Client processes are numbered; others (nemesis, ...) are ignored by checkers. */
  public boolean isClient() {
    if (process.isEmpty()) {
      return false;
    }
    for (int i = 0; i < process.length(); i++) {
      if (!Character.isDigit(process.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The same event at another position. */
  public Op withIndex(int newIndex) {
    return new Op(newIndex, process, type, f, value, key, timeNanos, wallTimeMillis, extra);
  }
}
