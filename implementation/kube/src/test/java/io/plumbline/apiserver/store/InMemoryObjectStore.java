package io.plumbline.apiserver.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link ObjectStore} in memory for tests, single-threaded and deterministic, that keeps every
 * change it ever made ({@link #history()}): a test can then look at every version an object went
 * through, and at the whole store as it was at any revision ({@link #at(long)}), not only at what
 * a later read happens to see. Writes are checked as etcd checks them (the key's condition, then
 * each {@link WriteGuard}, reported guard first as {@link EtcdObjectStore} does). Nothing is ever
 * compacted. A watch replays the history after its start revision, then hears each later change
 * on the writer's thread before the write returns.
 */
public final class InMemoryObjectStore implements ObjectStore {
  private final TreeMap<String, StoredValue> keys = new TreeMap<>();
  private final List<StoreEvent> history = new ArrayList<>();
  private final List<Watcher> watchers = new ArrayList<>();
  private long revision;

  private record Watcher(String prefix, StoreWatchListener listener) {}

  /** Every change in revision order: one event per committed create, update or delete. */
  public List<StoreEvent> history() {
    return List.copyOf(history);
  }

  /** The revision of the last change (0: none yet). */
  public long revision() {
    return revision;
  }

  /** The key's value as it was at {@code atRevision}: the last change at or before it. */
  public Optional<byte[]> at(String key, long atRevision) {
    byte[] value = null;
    for (StoreEvent e : history) {
      if (e.revision() > atRevision) {
        break;
      }
      if (e.key().equals(key)) {
        value = e.current();
      }
    }
    return Optional.ofNullable(value);
  }

  /** Every key under {@code prefix} as the store held it at {@code atRevision}. */
  public TreeMap<String, StoredValue> at(long atRevision, String prefix) {
    TreeMap<String, StoredValue> then = new TreeMap<>();
    for (StoreEvent e : history) {
      if (e.revision() > atRevision) {
        break;
      }
      if (e.key().startsWith(prefix)) {
        if (e.type() == StoreEvent.Type.DELETE) {
          then.remove(e.key());
        } else {
          then.put(e.key(), new StoredValue(e.key(), e.current(), e.revision()));
        }
      }
    }
    return then;
  }

  @Override
  public Optional<StoredValue> get(String key) {
    return Optional.ofNullable(keys.get(key));
  }

  @Override
  public ListResult list(String prefix) {
    return new ListResult(List.copyOf(under(keys, prefix)), revision);
  }

  @Override
  public ListPage listPage(String prefix, String fromKey, long atRevision, int limit) {
    if (atRevision > revision) {
      throw new RevisionUnavailable("future revision " + atRevision, false);
    }
    long read = atRevision == 0 ? revision : atRevision;
    List<StoredValue> from = under(at(read, prefix), prefix).stream()
        .filter(v -> v.key().compareTo(fromKey) >= 0).toList();
    boolean more = limit > 0 && from.size() > limit;
    return new ListPage(more ? from.subList(0, limit) : from, read, more);
  }

  @Override
  public WriteResult create(String key, byte[] value, List<WriteGuard> guards) {
    return write(key, 0, guards, value, StoreEvent.Type.PUT);
  }

  @Override
  public WriteResult update(String key, byte[] value, long expectedModRevision,
      List<WriteGuard> guards) {
    return write(key, expectedModRevision, guards, value, StoreEvent.Type.PUT);
  }

  @Override
  public WriteResult delete(String key, long expectedModRevision, List<WriteGuard> guards) {
    return write(key, expectedModRevision, guards, null, StoreEvent.Type.DELETE);
  }

  @Override
  public StoreWatch watch(String prefix, long afterRevision, StoreWatchListener listener) {
    List<StoreEvent> past = history.stream()
        .filter(e -> e.revision() > afterRevision && e.key().startsWith(prefix)).toList();
    if (!past.isEmpty()) {
      listener.onEvents(past);
    }
    Watcher watcher = new Watcher(prefix, listener);
    watchers.add(watcher);
    return new StoreWatch() {
      @Override
      public void requestProgress() {
        listener.onProgress(revision);
      }

      @Override
      public void close() {
        watchers.remove(watcher);
      }
    };
  }

  @Override
  public void close() {}

  /** {@code expected} 0: the key must be absent; otherwise its mod revision. */
  private WriteResult write(String key, long expected, List<WriteGuard> guards, byte[] value,
      StoreEvent.Type type) {
    for (WriteGuard guard : guards) {
      StoredValue at = keys.get(guard.key());
      if ((at == null ? 0 : at.modRevision()) != guard.modRevision()) {
        return new WriteResult.GuardFailed(guard);
      }
    }
    StoredValue current = keys.get(key);
    if ((current == null ? 0 : current.modRevision()) != expected) {
      return new WriteResult.PreconditionFailed(current);
    }
    revision++;
    if (type == StoreEvent.Type.DELETE) {
      keys.remove(key);
    } else {
      keys.put(key, new StoredValue(key, value, revision));
    }
    StoreEvent event = new StoreEvent(type, key, value,
        current == null ? null : current.value(), revision);
    history.add(event);
    for (Watcher w : List.copyOf(watchers)) {
      if (key.startsWith(w.prefix())) {
        w.listener().onEvents(List.of(event));
      }
    }
    return new WriteResult.Committed(revision);
  }

  private static List<StoredValue> under(TreeMap<String, StoredValue> map, String prefix) {
    return map.tailMap(prefix).values().stream().takeWhile(v -> v.key().startsWith(prefix))
        .toList();
  }
}
