package io.plumbline.store.server;

import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.plumbline.store.fault.Faults;
import io.plumbline.store.mvcc.KeyRange;
import io.plumbline.store.mvcc.RevisionEvents;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One watch: its key range, options and the stream it belongs to. It tracks the next revision it
 * has to deliver, so a revision is delivered exactly once even when catch-up and live publishing
 * meet.
 */
final class Watcher {
  final long id;
  final WatchStream stream;
  private final KeyRange range;
  private final boolean prevKv;
  private final boolean noPut;
  private final boolean noDelete;
  final boolean progressNotify;
  private final Faults faults;
  private long nextRevision;

  Watcher(long id, WatchStream stream, WatchCreateRequest r, long nextRevision, Faults faults) {
    this.id = id;
    this.stream = stream;
    this.range = new KeyRange(r.getKey(), r.getRangeEnd());
    this.prevKv = r.getPrevKv();
    this.noPut = r.getFiltersList().contains(WatchCreateRequest.FilterType.NOPUT);
    this.noDelete = r.getFiltersList().contains(WatchCreateRequest.FilterType.NODELETE);
    this.progressNotify = r.getProgressNotify();
    this.nextRevision = nextRevision;
    this.faults = faults;
  }

  /** Delivers the matching events of revisions not delivered yet, in one response, in order. */
  void deliver(Collection<RevisionEvents> revisions, long headerRevision) {
    List<Event> out = new ArrayList<>();
    for (RevisionEvents re : revisions) {
      if (re.revision() < nextRevision) {
        continue;
      }
      nextRevision = re.revision() + 1;
      if (faults.losesWatchEventsOf(re.revision())) {
        continue; // fault hook: lost-watch-event
      }
      for (Event e : re.events()) {
        if (matches(e)) {
          out.add(prevKv || !e.hasPrevKv() ? e : e.toBuilder().clearPrevKv().build());
        }
      }
    }
    if (!out.isEmpty()) {
      stream.events(id, out, headerRevision);
    }
  }

  private boolean matches(Event e) {
    if (e.getType() == Event.EventType.PUT ? noPut : noDelete) {
      return false;
    }
    return range.contains(e.getKv().getKey());
  }
}
