package io.plumbline.checker;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Lowe's memo: the set of (linearized set, model state) pairs already explored. Open addressing
 * over a 64-bit hash, so a lookup allocates nothing.
 *
 * <p>A linearized set is stored as its <em>window</em>: the words between its leading run of
 * all-ones words (operations long since linearized) and its trailing run of zero words
 * (operations not yet reached). The window is a function of the set, so two sets are equal
 * exactly when their windows (start and words) are. In a long history the window stays as wide
 * as the operations in flight, not as the history: a sequential history of 100,000 operations
 * stores a word or two per entry instead of 1,563.
 *
 * <p>Every allocation is asked of {@code allocate} first (the search's memory budget and
 * deadline); when refused, {@link #add} throws {@link BudgetExceeded} and nothing is allocated.
 */
final class Memo {
  private static final long MIX = 0x9E3779B97F4A7C15L;
  /** Arrays are never grown past this many elements (the JVM's array limit, with room to spare). */
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  /** Thrown by {@link #add} when the budget refuses the memory the memo needs. */
  static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("memo budget exceeded", null, false, false);
    }
  }

  private final LongPredicate allocate;
  private long[] hashes;
  private int[] slots; // entry index + 1; 0 = empty
  private Object[] states;
  private int[] windowStart; // per entry: index of the first stored word of its set
  private int[] poolOffset;  // per entry + 1: where its words start in the pool (poolOffset[size] = end)
  private long[] pool;
  private int size;

  /**
   * @param expectedEntries the first capacity; a search of n operations adds at least n entries on
   *     its way to a verdict, so the caller passes n
   * @param allocate asked before each allocation with its size in bytes; false refuses it
   */
  Memo(int expectedEntries, LongPredicate allocate) {
    this.allocate = allocate;
    int capacity = Integer.highestOneBit(Math.max(8, Math.min(expectedEntries, 1 << 20)) - 1) << 1;
    reserve(2L * capacity * (8 + 4) + capacity * (8L + 4 + 4) + 4 + 8L * capacity);
    this.hashes = new long[2 * capacity];
    this.slots = new int[2 * capacity];
    this.states = new Object[capacity];
    this.windowStart = new int[capacity];
    this.poolOffset = new int[capacity + 1];
    this.pool = new long[capacity];
  }

  int size() {
    return size;
  }

  /** Adds (set, state) unless present; true when it was new. {@code setHash} must be a hash of {@code set}. */
  boolean add(long setHash, long[] set, Object state) {
    int from = 0;
    while (from < set.length && set[from] == -1L) {
      from++;
    }
    int to = set.length;
    while (to > from && set[to - 1] == 0) {
      to--;
    }
    long h = setHash ^ (state.hashCode() * MIX);
    h ^= h >>> 29;
    int mask = hashes.length - 1;
    for (int i = (int) h & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        insert(i, h, set, from, to, state);
        return true;
      }
      if (hashes[i] == h && sameSet(slot - 1, set, from, to) && states[slot - 1].equals(state)) {
        return false;
      }
    }
  }

  private boolean sameSet(int entry, long[] set, int from, int to) {
    int base = poolOffset[entry];
    if (windowStart[entry] != from || poolOffset[entry + 1] - base != to - from) {
      return false;
    }
    for (int w = from; w < to; w++) {
      if (pool[base + w - from] != set[w]) {
        return false;
      }
    }
    return true;
  }

  private void insert(int i, long h, long[] set, int from, int to, Object state) {
    int width = to - from;
    if (size == states.length || (long) poolOffset[size] + width > pool.length || (size + 1) * 2L > hashes.length) {
      grow(width);
    }
    int base = poolOffset[size];
    System.arraycopy(set, from, pool, base, width);
    windowStart[size] = from;
    poolOffset[size + 1] = base + width;
    states[size] = state;
    hashes[i] = h;
    slots[i] = ++size;
    if (size * 2 > hashes.length) {
      rehash();
    }
  }

  /** Makes room for one more entry of {@code width} words, asking the budget first. */
  private void grow(int width) {
    long entries = size == states.length ? 2L * states.length : states.length;
    long words = Math.max((long) pool.length, 1L);
    while (poolOffset[size] + (long) width > words) {
      words *= 2;
    }
    if (entries + 1 > MAX_ARRAY || words > MAX_ARRAY || 2 * entries > MAX_ARRAY) {
      throw new BudgetExceeded();
    }
    long bytes = (entries > states.length ? (entries - states.length) * (8L + 4 + 4) : 0)
        + (words > pool.length ? (words - pool.length) * 8L : 0)
        + ((size + 1) * 2L > hashes.length ? hashes.length * 12L : 0);
    reserve(bytes);
    if (entries > states.length) {
      states = Arrays.copyOf(states, (int) entries);
      windowStart = Arrays.copyOf(windowStart, (int) entries);
      poolOffset = Arrays.copyOf(poolOffset, (int) entries + 1);
    }
    if (words > pool.length) {
      pool = Arrays.copyOf(pool, (int) words);
    }
  }

  private void reserve(long bytes) {
    if (!allocate.test(bytes)) {
      throw new BudgetExceeded();
    }
  }

  private void rehash() {
    long[] oldHashes = hashes;
    int[] oldSlots = slots;
    hashes = new long[oldHashes.length * 2];
    slots = new int[oldSlots.length * 2];
    int mask = hashes.length - 1;
    for (int j = 0; j < oldSlots.length; j++) {
      if (oldSlots[j] != 0) {
        int i = (int) oldHashes[j] & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        slots[i] = oldSlots[j];
      }
    }
  }
}
