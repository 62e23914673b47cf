package io.plumbline.store.mvcc;

import io.etcd.jetcd.api.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Every retained version of one key, oldest first. A tombstone (deletion) is a version whose
 * {@code kv} is null. Versions are appended with strictly growing revisions.
 */
final class KeyHistory {
  /** One version: the revision that wrote it and the value, or null for a deletion. */
  record Version(long modRevision, KeyValue kv) {}

  private final ArrayList<Version> versions = new ArrayList<>();
  /** The versions already in {@link MvccSnapshot}'s format (see {@link #encoded}). */
  private final EncodedRecords encoded = new EncodedRecords();

  void add(long revision, KeyValue kv) {
    if (!versions.isEmpty() && versions.get(versions.size() - 1).modRevision() >= revision) {
      throw new IllegalStateException("revision " + revision + " not after "
          + versions.get(versions.size() - 1).modRevision());
    }
    versions.add(new Version(revision, kv));
  }

  /** The versions, oldest first (read-only use). */
  List<Version> versions() {
    return versions;
  }

  /**
   * The versions in {@link MvccSnapshot}'s record format, brought up to date: only versions added
   * since the last call are encoded, unless a compaction or an undone write changed the list.
   */
  EncodedRecords encoded() {
    int n = encoded.count;
    if (n > versions.size() || (n > 0 && (versions.get(0) != encoded.first || versions.get(n - 1) != encoded.last))) {
      encoded.reset();
    }
    for (int i = encoded.count; i < versions.size(); i++) {
      Version v = versions.get(i);
      encoded.writeLong(v.modRevision());
      encoded.writeBoolean(v.kv() != null);
      if (v.kv() != null) {
        encoded.writeMessage(v.kv());
      }
      encoded.recorded(v);
    }
    return encoded;
  }

  /** Appends a version read back from a snapshot, with its bytes there (the next snapshot reuses them). */
  void restored(long revision, KeyValue kv, byte[] kvBytes) {
    add(revision, kv);
    encoded.writeLong(revision);
    encoded.writeBoolean(kv != null);
    if (kv != null) {
      encoded.writeInt(kvBytes.length);
      encoded.writeRaw(kvBytes);
    }
    encoded.recorded(versions.get(versions.size() - 1));
  }

  /** The live value at {@code revision}, or null when the key did not exist then. */
  KeyValue at(long revision) {
    int lo = 0;
    int hi = versions.size() - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (versions.get(mid).modRevision() <= revision) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : versions.get(found).kv();
  }

  /** The current value, or null when deleted. */
  KeyValue latest() {
    return versions.isEmpty() ? null : versions.get(versions.size() - 1).kv();
  }

  /**
   * Drops versions a compaction at {@code revision} makes unreachable: everything older than the
   * version live at {@code revision}, and that version too when it is a deletion.
   *
   * @return whether the history is now empty
   */
  boolean compact(long revision) {
    int keepFrom = 0;
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).modRevision() <= revision) {
        keepFrom = versions.get(i).kv() == null ? i + 1 : i;
      }
    }
    versions.subList(0, keepFrom).clear();
    return versions.isEmpty();
  }
}
