package io.plumbline.chaos.run;

import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects history events from many threads in real-time order: an event is stamped and appended
 * under one lock, so list order is the order in which events happened.
 */
public final class HistoryRecorder {
  private final long originNanos;
  private final List<Op> events = new ArrayList<>();

  public HistoryRecorder(long originNanos) {
    this.originNanos = originNanos;
  }

  /** Appends an event; {@code error} (may be null) goes to the {@code error} field. */
  public Op record(String process, OpType type, String f, Object key, Object value, String error) {
    return record(process, type, f, key, value, error, Map.of());
  }

  /** Appends an event with more fields (e.g. a fault's planned time beside the event's own). */
  public synchronized Op record(String process, OpType type, String f, Object key, Object value, String error,
      Map<String, Object> fields) {
    Map<String, Object> extra = new LinkedHashMap<>(fields);
    if (error != null) {
      extra.put("error", error);
    }
    Op op = new Op(events.size(), process, type, f, value, key, System.nanoTime() - originNanos,
        System.currentTimeMillis(), extra);
    events.add(op);
    return op;
  }

  /** Nanoseconds since the run's origin (the clock generators and timelines use). */
  public long now() {
    return System.nanoTime() - originNanos;
  }

  public synchronized History history(String source) {
    return new History(source, new ArrayList<>(events));
  }

  public synchronized int size() {
    return events.size();
  }
}
