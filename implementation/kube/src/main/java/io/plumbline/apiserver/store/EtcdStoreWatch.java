package io.plumbline.apiserver.store;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A jetcd prefix watch translated into {@link StoreWatchListener} calls. */
final class EtcdStoreWatch implements StoreWatch {
  private final Watch.Watcher watcher;

  private EtcdStoreWatch(Watch.Watcher watcher) {
    this.watcher = watcher;
  }

  static EtcdStoreWatch start(Watch client, String prefix, long afterRevision,
      StoreWatchListener listener) {
    WatchOption.Builder options = WatchOption.builder().isPrefix(true).withPrevKV(true);
    if (afterRevision > 0) {
      options.withRevision(afterRevision + 1);
    }
    Watch.Listener adapter = Watch.listener(
        response -> deliver(response, listener),
        error -> fail(error, listener));
    return new EtcdStoreWatch(client.watch(EtcdObjectStore.bytes(prefix), options.build(), adapter));
  }

  private static void deliver(WatchResponse response, StoreWatchListener listener) {
    if (response.isProgressNotify()) {
      listener.onProgress(response.getHeader().getRevision());
      return;
    }
    List<StoreEvent> events = new ArrayList<>();
    for (WatchEvent e : response.getEvents()) {
      events.add(event(e));
    }
    if (!events.isEmpty()) {
      listener.onEvents(events);
    }
  }

  private static StoreEvent event(WatchEvent e) {
    KeyValue kv = e.getKeyValue();
    KeyValue prev = e.getPrevKV();
    byte[] previous = prev == null || prev.getVersion() == 0 ? null : prev.getValue().getBytes();
    String key = kv.getKey().toString(StandardCharsets.UTF_8);
    if (e.getEventType() == WatchEvent.EventType.DELETE) {
      return new StoreEvent(StoreEvent.Type.DELETE, key, null, previous, kv.getModRevision());
    }
    return new StoreEvent(StoreEvent.Type.PUT, key, kv.getValue().getBytes(), previous,
        kv.getModRevision());
  }

  private static void fail(Throwable error, StoreWatchListener listener) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CompactedException compacted) {
        listener.onCompacted(compacted.getCompactedRevision());
        return;
      }
    }
    listener.onFailure(error);
  }

  @Override
  public void requestProgress() {
    watcher.requestProgress();
  }

  @Override
  public void close() {
    watcher.close();
  }
}
