package io.plumbline.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one history recorder (conformance, chaos, the store's tests): appends events from many client
 * threads. The lock makes append order the real-time order: an invocation is appended before its
 * request is sent, a completion after its answer arrived, so every event's position respects real
 * time. Arguments go key before value, as in {@link Op}'s JSON.
 */
public final class HistoryRecorder {
  private final long originNanos;
  private final java.util.function.LongSupplier nanos;
  private final java.util.function.LongSupplier wallMillis;
  private final List<Op> events = new ArrayList<>();

  /** Event times are {@link System#nanoTime()} as is. */
  public HistoryRecorder() {
    this(0);
  }

  /** Event times are nanoseconds since {@code originNanos} (a {@link System#nanoTime()} reading). */
  public HistoryRecorder(long originNanos) {
    this(originNanos, System::nanoTime, System::currentTimeMillis);
  }

  /**
   * Event times from a clock of the caller's (a deterministic simulator's): nanoseconds and wall
   * milliseconds both read from {@code simulatedNanos}, so that a replayed seed records the same history.
   */
  public HistoryRecorder(java.util.function.LongSupplier simulatedNanos) {
    this(0, simulatedNanos, () -> simulatedNanos.getAsLong() / 1_000_000);
  }

  private HistoryRecorder(long originNanos, java.util.function.LongSupplier nanos,
      java.util.function.LongSupplier wallMillis) {
    this.originNanos = originNanos;
    this.nanos = nanos;
    this.wallMillis = wallMillis;
  }

  /** Records an event now with more fields ({@code extra} may be null: none); returns it. */
  public synchronized Op record(String process, OpType type, String f, Object key, Object value,
      Map<String, Object> extra) {
    Op op = new Op(events.size(), process, type, f, value, key, nanos.getAsLong() - originNanos,
        wallMillis.getAsLong(), extra == null ? Map.of() : new LinkedHashMap<>(extra));
    events.add(op);
    return op;
  }

  /** Records an event now without extra fields. */
  public Op record(String process, OpType type, String f, Object key, Object value) {
    return record(process, type, f, key, value, Map.of());
  }

  /** The extra fields of an event that ended with {@code error} (none when null). */
  public static Map<String, Object> error(String error) {
    return error == null ? Map.of() : Map.of("error", error);
  }

  /** Nanoseconds since the origin, on the clock events are stamped with. */
  public long now() {
    return nanos.getAsLong() - originNanos;
  }

  public synchronized int size() {
    return events.size();
  }

  /** The history so far. */
  public synchronized History history(String source) {
    return new History(source, new ArrayList<>(events));
  }
}
