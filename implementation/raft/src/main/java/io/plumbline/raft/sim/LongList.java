package io.plumbline.raft.sim;

import java.util.Arrays;

/** A growable list of primitive longs (the checker keeps one per node per log). */
final class LongList {
  private long[] values = new long[64];
  private int size;

  int size() {
    return size;
  }

  long get(int i) {
    if (i >= size) {
      throw new IndexOutOfBoundsException(i + " >= " + size);
    }
    return values[i];
  }

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  void truncate(int newSize) {
    size = Math.min(size, newSize);
  }

  void clear() {
    size = 0;
  }
}
