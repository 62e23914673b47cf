package io.plumbline.store.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Actions waiting until the applied index reaches a value. Loop thread only. */
final class AppliedWaiters {
  private final TreeMap<Long, List<Runnable>> waiting = new TreeMap<>();

  /** Runs {@code action} now when {@code applied >= index}, else once it is. */
  void await(long index, long applied, Runnable action) {
    if (applied >= index) {
      action.run();
    } else {
      waiting.computeIfAbsent(index, k -> new ArrayList<>()).add(action);
    }
  }

  void release(long applied) {
    while (!waiting.isEmpty() && waiting.firstKey() <= applied) {
      Map.Entry<Long, List<Runnable>> e = waiting.pollFirstEntry();
      e.getValue().forEach(Runnable::run);
    }
  }
}
