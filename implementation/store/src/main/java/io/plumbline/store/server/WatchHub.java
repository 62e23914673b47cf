package io.plumbline.store.server;

import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.mvcc.RevisionEvents;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * All watchers of a member. {@link #accept} runs on the apply path while the store's write lock
 * is held; {@link #register} must run under the read lock, so a new watcher's catch-up and the
 * live stream never interleave: every revision reaches it once, in order.
 */
final class WatchHub implements Consumer<RevisionEvents> {
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

  @Override
  public void accept(RevisionEvents re) {
    for (Watcher w : watchers) {
      w.deliver(List.of(re), re.revision());
    }
  }

  /** Catches the watcher up from the store's retained events, then makes it live. Caller holds the read lock. */
  void register(Watcher w, MvccStore m, long startRevision) {
    if (startRevision > 0 && startRevision <= m.currentRevision()) {
      w.deliver(m.eventsSince(startRevision), m.currentRevision());
    }
    watchers.add(w);
  }

  /** Watchers currently lagging behind a slow client. */
  int laggingWatchers() {
    return (int) watchers.stream().filter(Watcher::isLagging).count();
  }

  /** The next revision of each lagging watcher (for tests and diagnosis). */
  java.util.List<Long> laggingNextRevisions() {
    return watchers.stream().filter(Watcher::isLagging).map(Watcher::nextRevision).toList();
  }

  /** The most responses any live watcher's stream ever had queued. */
  int maxPendingHighWater() {
    return watchers.stream().mapToInt(w -> w.stream.pendingHighWater()).max().orElse(0);
  }

  void remove(Watcher w) {
    watchers.remove(w);
  }

  /** Progress notification to every watcher that asked for it. Caller holds the read lock. */
  void progress(long revision) {
    for (Watcher w : watchers) {
      if (w.progressNotify && !w.isLagging()) { // a lagging watcher has not seen `revision` yet
        w.stream.progress(w.id, revision);
      }
    }
  }
}
