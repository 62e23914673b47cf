package io.plumbline.store.server;

import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.plumbline.store.fault.Faults;
import io.plumbline.store.mvcc.KeyRange;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.mvcc.RevisionEvents;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One watch: its key range, options and the stream it belongs to. It tracks the next revision it
 * has to deliver, so a revision is delivered exactly once even when catch-up and live publishing
 * meet, and even when it lags behind a slow client and catches up later.
 */
final class Watcher {
  final long id;
  final WatchStream stream;
  private final KeyRange range;
  private final boolean prevKv;
  private final boolean noPut;
  private final boolean noDelete;
  final boolean progressNotify;
  /** Revisions per catch-up response, so one response stays far below gRPC's message limit. */
  private static final int CATCH_UP_CHUNK_REVISIONS = 64;
  private final Faults faults;
  private volatile long nextRevision;
  private volatile boolean lagging;

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

  /**
   * Live delivery (store write lock held): the matching events of revisions not delivered yet, in
   * one response, in order. When the stream's send queue is full the watcher becomes lagging
   * instead (etcd's "victim"): nothing is queued, and it later catches up from the store's history.
   */
  void deliver(Collection<RevisionEvents> revisions, long headerRevision) {
    if (!lagging && !offer(revisions, headerRevision)) {
      lagging = true;
      stream.lagging(this);
    }
  }

  /**
   * Catch-up of a lagging watcher (store read lock held, so no live delivery interleaves): from
   * the retained history in chunks while the stream has room. Returns true once it is live again;
   * a watcher whose next revision was compacted meanwhile is canceled with the compact revision.
   */
  boolean catchUp(MvccStore m) {
    if (nextRevision < m.compactRevision()) {
      stream.compacted(this, m.compactRevision());
      return true;
    }
    List<RevisionEvents> chunk = new ArrayList<>(CATCH_UP_CHUNK_REVISIONS);
    for (RevisionEvents re : m.eventsSince(nextRevision)) {
      chunk.add(re);
      if (chunk.size() == CATCH_UP_CHUNK_REVISIONS) {
        if (!offer(chunk, m.currentRevision())) {
          return false;
        }
        chunk.clear();
      }
    }
    if (!offer(chunk, m.currentRevision())) {
      return false;
    }
    lagging = false;
    return true;
  }

  /** The first revision whose events it has not delivered yet. */
  long nextRevision() {
    return nextRevision;
  }

  boolean isLagging() {
    return lagging;
  }

  /** Sends what matches unless the stream is congested (then false, and nothing is consumed). */
  private boolean offer(Collection<RevisionEvents> revisions, long headerRevision) {
    List<Event> out = new ArrayList<>();
    long next = nextRevision;
    for (RevisionEvents re : revisions) {
      if (re.revision() < next) {
        continue;
      }
      next = re.revision() + 1;
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
      if (stream.congested()) {
        return false;
      }
      stream.events(id, out, headerRevision);
    }
    nextRevision = next;
    return true;
  }

  private boolean matches(Event e) {
    if (e.getType() == Event.EventType.PUT ? noPut : noDelete) {
      return false;
    }
    return range.contains(e.getKv().getKey());
  }
}
