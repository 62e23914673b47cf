package io.plumbline.controller.trace;

import io.plumbline.apiserver.api.LeaseTraceEvent;
import io.plumbline.apiserver.api.LeaseTraceSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the events of every elector, writer and the API server's fence in one JVM, each with
 * a sequence number in the order they were emitted (one lock, so emission order is a real-time
 * order). {@link TraceMerge} turns them into the spec's order.
 */
final class TraceRecorder implements LeaseTraceSink {
  private final List<TraceMerge.Sourced> events = new ArrayList<>();

  @Override
  public synchronized void emit(LeaseTraceEvent event) {
    events.add(new TraceMerge.Sourced("jvm", events.size(), event));
  }

  synchronized List<TraceMerge.Sourced> events() {
    return List.copyOf(events);
  }

  synchronized long count(String action) {
    return events.stream().filter(e -> e.event().action().equals(action)).count();
  }
}
