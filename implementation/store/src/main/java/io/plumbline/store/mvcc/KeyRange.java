package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.Comparator;
import java.util.NavigableMap;
import java.util.SortedMap;

/**
 * etcd's key-range convention: an empty {@code rangeEnd} means the single {@code key}; a
 * {@code rangeEnd} of {@code "\0"} means every key at or after {@code key} (all keys when
 * {@code key} is also {@code "\0"}); otherwise the half-open interval {@code [key, rangeEnd)}.
 */
public record KeyRange(ByteString key, ByteString rangeEnd) {
  /**
   * Unsigned byte order, as etcd's backend sorts keys: the order of protobuf's
   * {@code ByteString.unsignedLexicographicalComparator()}, compared by index rather than through
   * two byte iterators per comparison (every lookup in the store's key map compares several times).
   */
  public static final Comparator<ByteString> ORDER = KeyRange::compareUnsigned;
  private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

  private static int compareUnsigned(ByteString a, ByteString b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a.byteAt(i) & 0xFF, b.byteAt(i) & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  public boolean isSingleKey() {
    return rangeEnd.isEmpty();
  }

  /** Whether {@code k} lies in this range. */
  public boolean contains(ByteString k) {
    if (isSingleKey()) {
      return k.equals(key);
    }
    if (ORDER.compare(k, key) < 0 && !key.equals(ZERO)) {
      return false;
    }
    return rangeEnd.equals(ZERO) || ORDER.compare(k, rangeEnd) < 0;
  }

  /** The part of {@code map} this range covers. */
  public <V> SortedMap<ByteString, V> slice(NavigableMap<ByteString, V> map) {
    if (isSingleKey()) {
      return map.subMap(key, true, key, true);
    }
    boolean fromStart = key.equals(ZERO);
    if (rangeEnd.equals(ZERO)) {
      return fromStart ? map : map.tailMap(key, true);
    }
    if (ORDER.compare(key, rangeEnd) >= 0 && !fromStart) {
      return map.subMap(key, true, key, false);
    }
    return fromStart ? map.headMap(rangeEnd, false) : map.subMap(key, true, rangeEnd, false);
  }
}
