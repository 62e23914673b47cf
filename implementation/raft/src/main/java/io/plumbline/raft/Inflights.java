package io.plumbline.raft;

/**
 * The bounded window of AppendEntries sent to one follower and not yet acknowledged, by last
 * entry index, oldest first (a ring buffer). Full means the leader stops pipelining to it.
 */
final class Inflights {
  private final long[] buffer;
  private int start;
  private int count;

  Inflights(int capacity) {
    buffer = new long[capacity];
  }

  boolean full() {
    return count == buffer.length;
  }

  int count() {
    return count;
  }

  void add(long lastIndex) {
    if (full()) {
      throw new IllegalStateException("inflights full");
    }
    buffer[(start + count) % buffer.length] = lastIndex;
    count++;
  }

  /** Frees every message whose last index is at most {@code index} (they are acknowledged). */
  void freeLE(long index) {
    while (count > 0 && buffer[start] <= index) {
      start = (start + 1) % buffer.length;
      count--;
    }
  }

  /** Frees the oldest slot so a stalled window can probe again (a heartbeat came back). */
  void freeFirstOne() {
    if (count > 0) {
      start = (start + 1) % buffer.length;
      count--;
    }
  }

  void reset() {
    start = 0;
    count = 0;
  }
}
