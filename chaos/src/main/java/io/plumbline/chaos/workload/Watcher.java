package io.plumbline.chaos.workload;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.plumbline.chaos.client.EtcdClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches a prefix on one member from revision 1 and keeps every event it receives. When the
 * stream ends with an error, it resumes from the last revision + 1 on a fresh client (the
 * "resumable" guarantee is exercised by exactly this). Thread-safe snapshot via {@link #events()}.
 */
final class Watcher implements AutoCloseable {
  private final String clientUrl;
  private final String prefix;
  /** Guards {@link #events} and {@link #resumptions}; never held while calling into jetcd. */
  private final Object lock = new Object();
  private final List<WatchEventRecord> events = new ArrayList<>();
  private final List<String> resumptions = new ArrayList<>();
  /** Resubscriptions run here, never on jetcd's event loop (closing a client there deadlocks). */
  private final java.util.concurrent.ExecutorService resubscriber =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chaos-watch-resume");
        t.setDaemon(true);
        return t;
      });
  private Client client;
  private Watch.Watcher watch;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
  private static final long RESUME_BACKOFF_MS = 250;

  Watcher(String clientUrl, String prefix) {
    this.clientUrl = clientUrl;
    this.prefix = prefix;
    resubscriber.execute(() -> subscribe(1));
  }

  /** Runs on the resubscriber thread only. One client for the watcher's life; only the watch is renewed. */
  private void subscribe(long fromRevision) {
    if (closed) {
      return;
    }
    if (client == null) {
      client = EtcdClients.forMember(clientUrl);
    }
    if (watch != null) {
      watch.close();
    }
    long gen = generation.incrementAndGet(); // events of an older, closed watch are ignored from now on
    ByteSequence p = ByteSequence.from(prefix, StandardCharsets.UTF_8);
    WatchOption opt = WatchOption.builder().isPrefix(true).withRevision(fromRevision).build();
    watch = client.getWatchClient().watch(p, opt, new Watch.Listener() {
      @Override
      public void onNext(WatchResponse r) {
        if (gen == generation.get()) {
          received(r);
        }
      }

      @Override
      public void onError(Throwable t) {
        if (gen == generation.get()) {
          resume("error: " + t.getMessage());
        }
      }

      @Override
      public void onCompleted() {
        if (gen == generation.get()) {
          resume("completed");
        }
      }
    });
  }

  private void received(WatchResponse r) {
    synchronized (lock) {
      for (WatchEvent e : r.getEvents()) {
        if (e.getEventType() == WatchEvent.EventType.PUT) {
          String key = e.getKeyValue().getKey().toString(StandardCharsets.UTF_8).substring(prefix.length());
          events.add(new WatchEventRecord(e.getKeyValue().getModRevision(), key,
              e.getKeyValue().getValue().toString(StandardCharsets.UTF_8)));
        }
      }
    }
  }

  private void resume(String why) {
    if (closed) {
      return;
    }
    resubscriber.execute(() -> {
      long from;
      synchronized (lock) {
        from = events.isEmpty() ? 1 : events.get(events.size() - 1).revision() + 1;
        resumptions.add(why + " -> resumed from " + from);
      }
      try {
        Thread.sleep(RESUME_BACKOFF_MS); // a member that is down refuses at once: do not spin
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      subscribe(from);
    });
  }

  List<WatchEventRecord> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  List<String> resumptions() {
    synchronized (lock) {
      return List.copyOf(resumptions);
    }
  }

  String clientUrl() {
    return clientUrl;
  }

  @Override
  public void close() {
    closed = true;
    resubscriber.execute(() -> {
      if (watch != null) {
        watch.close();
      }
      if (client != null) {
        client.close();
      }
    });
    resubscriber.shutdown();
  }
}
