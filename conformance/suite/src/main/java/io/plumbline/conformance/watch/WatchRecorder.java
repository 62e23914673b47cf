package io.plumbline.conformance.watch;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.plumbline.conformance.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Opens one watch and records every response as plain data, so a verifier can judge the stream
 * afterwards. Callers wait for a revision or a progress notification without sleeping.
 */
public final class WatchRecorder implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<ObservedResponse> responses = new ArrayList<>();
  private Throwable error;
  private long lastRevision;
  private final Watch.Watcher watcher;

  /** Starts watching {@code key} with {@code option}. */
  public WatchRecorder(Client client, ByteSequence key, WatchOption option) {
    this.watcher = client.getWatchClient().watch(key, option, Watch.listener(this::onNext, this::onError));
  }

  private void onNext(WatchResponse r) {
    List<ObservedEvent> events = new ArrayList<>();
    for (WatchEvent e : r.getEvents()) {
      KeyValue kv = e.getKeyValue();
      KeyValue prev = e.getPrevKV();
      boolean put = e.getEventType() == WatchEvent.EventType.PUT;
      boolean hasPrev = prev != null && prev.getKey() != null && !prev.getKey().isEmpty();
      events.add(new ObservedEvent(put ? "PUT" : "DELETE", Session.text(kv.getKey()),
          put ? Session.text(kv.getValue()) : null, kv.getModRevision(), hasPrev ? Session.text(prev.getValue()) : null));
    }
    lock.lock();
    try {
      responses.add(new ObservedResponse(responses.size(), events, r.isProgressNotify(), r.getHeader().getRevision()));
      for (ObservedEvent e : events) {
        lastRevision = Math.max(lastRevision, e.modRevision());
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void onError(Throwable t) {
    lock.lock();
    try {
      error = t;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Asks the server for a progress notification on this watch. */
  public void requestProgress() {
    watcher.requestProgress();
  }

  /** Waits until an event at {@code revision} or later arrived; false on timeout or error. */
  public boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
    return awaitCondition(() -> lastRevision >= revision, timeout);
  }

  /** Waits until {@code count} progress notifications arrived; false on timeout or error. */
  public boolean awaitProgressNotifications(int count, Duration timeout) throws InterruptedException {
    return awaitCondition(() -> responses.stream().filter(ObservedResponse::progressNotify).count() >= count, timeout);
  }

  /** Waits until the watch ended with an error; false on timeout. */
  public boolean awaitError(Duration timeout) throws InterruptedException {
    return awaitCondition(() -> error != null, timeout);
  }

  private boolean awaitCondition(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (!done.getAsBoolean()) {
        if (error != null || left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Everything received so far. */
  public List<ObservedResponse> responses() {
    lock.lock();
    try {
      return List.copyOf(responses);
    } finally {
      lock.unlock();
    }
  }

  /** The error the watch ended with, or null. */
  public Throwable error() {
    lock.lock();
    try {
      return error;
    } finally {
      lock.unlock();
    }
  }

  /** All events, flattened in arrival order. */
  public List<ObservedEvent> events() {
    return responses().stream().flatMap(r -> r.events().stream()).toList();
  }

  @Override
  public void close() {
    watcher.close();
  }
}
