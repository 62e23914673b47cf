package io.plumbline.checker.model;

import io.plumbline.history.Values;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An etcd key space: the store revision and each present key's value, version, create and mod
 * revisions. Immutable. A fresh etcd store is at revision 1 with no keys.
 *
 * @param revision the store's current revision (etcd's header revision)
 * @param kvs present keys
 */
record EtcdState(long revision, Map<Object, KeyValue> kvs) {
  static final EtcdState EMPTY = new EtcdState(1, Map.of());

  /** One present key, as etcd's {@code mvccpb.KeyValue}. */
  record KeyValue(Object value, long version, long createRevision, long modRevision) {}

  KeyValue get(Object key) {
    return kvs.get(key);
  }

  /** The state after a write transaction that ran {@code writes} (key to value, null value = delete). */
  EtcdState write(Map<Object, Object> writes, boolean trackRevisions) {
    long rev = trackRevisions ? revision + 1 : revision;
    Map<Object, KeyValue> next = new HashMap<>(kvs);
    for (Map.Entry<Object, Object> w : writes.entrySet()) {
      if (w.getValue() == DELETE) {
        next.remove(w.getKey());
        continue;
      }
      KeyValue old = next.get(w.getKey());
      next.put(w.getKey(), old == null
          ? new KeyValue(w.getValue(), 1, rev, rev)
          : new KeyValue(w.getValue(), old.version() + 1, old.createRevision(), rev));
    }
    return new EtcdState(rev, Collections.unmodifiableMap(next));
  }

  /** Marks a deletion in the map handed to {@link #write}. */
  static final Object DELETE = new Object() {
    @Override
    public String toString() {
      return "<delete>";
    }
  };

  @Override
  public String toString() {
    Map<String, String> sorted = new TreeMap<>();
    kvs.forEach((k, kv) -> sorted.put(Values.show(k), Values.show(kv.value()) + " (version " + kv.version()
        + ", create " + kv.createRevision() + ", mod " + kv.modRevision() + ")"));
    return "revision " + revision + " " + sorted;
  }
}
