package io.plumbline.checker.model;

import io.plumbline.history.Values;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An etcd key space: the store revision and each present key's value, version, create and mod
 * revisions. Immutable, with its hash cached: the checker hashes and compares states constantly.
 * Keys live in small parallel arrays (a partition usually holds one key). A fresh etcd store is at
 * revision 1 with no keys.
 */
final class EtcdState {
  static final EtcdState EMPTY = new EtcdState(1, new Object[0], new KeyValue[0]);

  /** One present key, as etcd's {@code mvccpb.KeyValue}. */
  record KeyValue(Object value, long version, long createRevision, long modRevision) {}

  /** Marks a deletion in the writes handed to {@link #write}. */
  static final Object DELETE = new Object() {
    @Override
    public String toString() {
      return "<delete>";
    }
  };

  private final long revision;
  private final Object[] keys;
  private final KeyValue[] values;
  private final int hash;

  private EtcdState(long revision, Object[] keys, KeyValue[] values) {
    this.revision = revision;
    this.keys = keys;
    this.values = values;
    int h = Long.hashCode(revision);
    for (int i = 0; i < keys.length; i++) {
      h += Objects.hashCode(keys[i]) ^ values[i].hashCode(); // order-independent
    }
    this.hash = h;
  }

  /** The store's current revision (etcd's header revision). */
  long revision() {
    return revision;
  }

  /** The key's entry, or null when absent. */
  KeyValue get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keys.length; i++) {
      if (Objects.equals(keys[i], key)) {
        return i;
      }
    }
    return -1;
  }

  /** The state after one write transaction: {@code writes} maps key to value, or to {@link #DELETE}. */
  EtcdState write(Map<Object, Object> writes, boolean trackRevisions, boolean trackVersions) {
    long rev = trackRevisions ? revision + 1 : revision;
    Object[] ks = keys.clone();
    KeyValue[] vs = values.clone();
    int n = ks.length;
    for (Map.Entry<Object, Object> w : writes.entrySet()) {
      int i = -1;
      for (int j = 0; j < n; j++) {
        if (Objects.equals(ks[j], w.getKey())) {
          i = j;
        }
      }
      if (w.getValue() == DELETE) {
        if (i >= 0) {
          ks[i] = ks[n - 1];
          vs[i] = vs[n - 1];
          n--;
        }
        continue;
      }
      if (i < 0) {
        if (n == ks.length) {
          ks = Arrays.copyOf(ks, n + 1);
          vs = Arrays.copyOf(vs, n + 1);
        }
        ks[n] = w.getKey();
        vs[n++] = new KeyValue(w.getValue(), 1, rev, rev);
      } else {
        KeyValue old = vs[i];
        vs[i] = new KeyValue(w.getValue(), trackVersions ? old.version() + 1 : 1, old.createRevision(), rev);
      }
    }
    return new EtcdState(rev, Arrays.copyOf(ks, n), Arrays.copyOf(vs, n));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EtcdState s) || s.hash != hash || s.revision != revision || s.keys.length != keys.length) {
      return false;
    }
    for (int i = 0; i < keys.length; i++) {
      if (!values[i].equals(s.get(keys[i]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) {
      KeyValue kv = values[i];
      sorted.put(Values.show(keys[i]), Values.show(kv.value()) + " (version " + kv.version()
          + ", create " + kv.createRevision() + ", mod " + kv.modRevision() + ")");
    }
    return "revision " + revision + " " + sorted;
  }
}
