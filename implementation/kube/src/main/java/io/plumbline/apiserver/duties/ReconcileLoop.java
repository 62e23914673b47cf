package io.plumbline.apiserver.duties;

import io.plumbline.apiserver.store.ObjectStore;
import io.plumbline.apiserver.store.StoreEvent;
import io.plumbline.apiserver.store.StoreWatch;
import io.plumbline.apiserver.store.StoreWatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one reconcile function on its own thread: whenever a watched prefix changes (changes that
 * arrive while it runs are coalesced into one more run) and at least every {@code resyncMs}. A
 * failed run is logged and retried at the next trigger; a broken watch is re-established.
 */
public final class ReconcileLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

  private final String name;
  private final Runnable reconcile;
  private final long resyncMs;
  private final Semaphore wakeups = new Semaphore(0);
  private final List<StoreWatch> watches = new ArrayList<>();
  private final Thread thread;
  private volatile boolean stopped;

  public ReconcileLoop(String name, Runnable reconcile, long resyncMs) {
    this.name = name;
    this.reconcile = reconcile;
    this.resyncMs = resyncMs;
    this.thread = new Thread(this::run, name);
    this.thread.setDaemon(true);
  }

  /** Watches {@code prefixes} (from now on) and starts the loop. */
  public ReconcileLoop start(ObjectStore store, List<String> prefixes) {
    for (String prefix : prefixes) {
      watch(store, prefix);
    }
    thread.start();
    return this;
  }

  /** Asks for one more run soon. */
  public void signal() {
    wakeups.release();
  }

  private void watch(ObjectStore store, String prefix) {
    synchronized (watches) {
      if (stopped) {
        return;
      }
      watches.add(store.watch(prefix, 0, new StoreWatchListener() {
        @Override
        public void onEvents(List<StoreEvent> events) {
          signal();
        }

        @Override
        public void onProgress(long revision) {}

        @Override
        public void onCompacted(long compactRevision) {
          rewatch(store, prefix);
        }

        @Override
        public void onFailure(Throwable cause) {
          rewatch(store, prefix);
        }
      }));
    }
  }

  private void rewatch(ObjectStore store, String prefix) {
    signal();
    watch(store, prefix);
  }

  private void run() {
    while (!stopped) {
      try {
        wakeups.tryAcquire(resyncMs, TimeUnit.MILLISECONDS);
        wakeups.drainPermits();
        if (!stopped) {
          reconcile.run();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("{}: reconcile failed, retrying at the next change or resync: {}", name,
            e.toString());
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    synchronized (watches) {
      watches.forEach(StoreWatch::close);
      watches.clear();
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
