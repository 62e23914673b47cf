package io.plumbline.store.mvcc;

import io.etcd.jetcd.api.Event;
import java.util.List;

/** All events of one revision, in the order the writes happened (etcd's sub-revision order). */
public record RevisionEvents(long revision, List<Event> events) {
  public RevisionEvents {
    events = events instanceof LazyEvents ? events : List.copyOf(events); // LazyEvents is immutable
  }
}
