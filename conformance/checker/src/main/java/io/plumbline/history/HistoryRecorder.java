package io.plumbline.history;

import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends history events from many client threads. The lock makes append order the real-time
 * order: an invocation is appended before its request is sent, a completion after its answer
 * arrived, so every event's position respects real time.
 */
public final class HistoryRecorder {
  private final List<Op> events = new ArrayList<>();

  /** Records an event now; returns its position. */
  public synchronized int record(String process, OpType type, String f, Object value, Object key,
      Map<String, Object> extra) {
    events.add(new Op(events.size(), process, type, f, value, key, System.nanoTime(),
        System.currentTimeMillis(), extra));
    return events.size() - 1;
  }

  public synchronized int size() {
    return events.size();
  }

  /** The history so far. */
  public synchronized History history(String source) {
    return new History(source, new ArrayList<>(events));
  }
}
