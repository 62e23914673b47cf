package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of key ranges kept as disjoint, merged intervals, so a point query costs O(log n) however many
 * ranges were added (etcd keeps a txn's deletes in an interval tree for the same reason). A null end
 * means "every key from the start on".
 */
final class KeyIntervals {
  private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});
  private final TreeMap<ByteString, ByteString> endByStart = new TreeMap<>(KeyRange.ORDER);

  /** Adds {@code r} (etcd's range convention: empty end = one key, end "\0" = from key on). */
  void add(KeyRange r) {
    ByteString start = r.key();
    ByteString end = r.isSingleKey() ? r.key().concat(ZERO) : r.rangeEnd().equals(ZERO) ? null : r.rangeEnd();
    if (end != null && KeyRange.ORDER.compare(start, end) >= 0) {
      return; // an empty range deletes nothing
    }
    add(start, end);
  }

  private void add(ByteString start, ByteString end) {
    Map.Entry<ByteString, ByteString> before = endByStart.floorEntry(start);
    if (before != null && reaches(before.getValue(), start)) {
      start = before.getKey();
      end = max(end, before.getValue());
      endByStart.remove(before.getKey());
    }
    for (Map.Entry<ByteString, ByteString> next = endByStart.ceilingEntry(start);
        next != null && reaches(end, next.getKey()); next = endByStart.ceilingEntry(start)) {
      end = max(end, next.getValue());
      endByStart.remove(next.getKey());
    }
    endByStart.put(start, end);
  }

  /** Adds every interval of {@code other}. */
  void addAll(KeyIntervals other) {
    other.endByStart.forEach(this::add);
  }

  boolean contains(ByteString key) {
    Map.Entry<ByteString, ByteString> e = endByStart.floorEntry(key);
    return e != null && (e.getValue() == null || KeyRange.ORDER.compare(key, e.getValue()) < 0);
  }

  private static boolean reaches(ByteString end, ByteString key) {
    return end == null || KeyRange.ORDER.compare(key, end) <= 0;
  }

  private static ByteString max(ByteString a, ByteString b) {
    return a == null || b == null ? null : KeyRange.ORDER.compare(a, b) >= 0 ? a : b;
  }
}
