package io.plumbline.conformance.watch;

/**
 * One watch event as received, in plain data (so verifiers can be fed hand-made streams).
 *
 * @param type PUT or DELETE
 * @param key the key
 * @param value the value after the event (null for a delete)
 * @param modRevision the revision of the write that caused the event
 * @param prevValue the value before, when the watch asked for prev_kv and there was one; else null
 */
public record ObservedEvent(String type, String key, String value, long modRevision, String prevValue) {
  /** {@code PUT ~/w/a=v3 @12 (prev v2)} style. */
  public String describe(java.util.function.UnaryOperator<String> showKey) {
    return type + " " + showKey.apply(key) + (value == null ? "" : "=" + value) + " @" + modRevision
        + (prevValue == null ? "" : " (prev " + prevValue + ")");
  }
}
