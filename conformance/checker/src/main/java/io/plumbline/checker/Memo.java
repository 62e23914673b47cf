package io.plumbline.checker;

import java.util.Arrays;

/**
 * Lowe's memo: the set of (linearized set, model state) pairs already explored. Open addressing
 * over a 64-bit hash, with the bitsets stored in one flat array, so a lookup allocates nothing and
 * mostly touches one long[] slot.
 */
final class Memo {
  private static final long MIX = 0x9E3779B97F4A7C15L;
  /** Heap bytes per entry beyond its bitset words: hash slot, index slot, state slot (amortised). */
  static final int ENTRY_OVERHEAD_BYTES = 8 + 4 + 8 + 16;

  private final int words;
  private long[] hashes;
  private int[] slots; // entry index + 1; 0 = empty
  private Object[] states;
  private long[] bits;
  private int size;

  /**
   * @param words longs per linearized set
   * @param expectedEntries the first capacity; a search of n operations adds at least n entries on
   *     its way to a verdict, so the caller passes n: a small history allocates a small memo, and
   *     a large one does not regrow from a fixed size
   */
  Memo(int words, int expectedEntries) {
    this.words = words;
    int capacity = Integer.highestOneBit(Math.max(8, Math.min(expectedEntries, 1 << 20)) - 1) << 1;
    this.hashes = new long[2 * capacity];
    this.slots = new int[2 * capacity];
    this.states = new Object[capacity];
    this.bits = new long[Math.max(1, words) * capacity];
  }

  int size() {
    return size;
  }

  /** Bytes one more entry costs. */
  long bytesPerEntry() {
    return ENTRY_OVERHEAD_BYTES + 8L * words;
  }

  /** Adds (set, state) unless present; true when it was new. {@code setHash} must be a hash of {@code set}. */
  boolean add(long setHash, long[] set, Object state) {
    long h = setHash ^ (state.hashCode() * MIX);
    h ^= h >>> 29;
    int mask = hashes.length - 1;
    for (int i = (int) h & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        insert(i, h, set, state);
        return true;
      }
      if (hashes[i] == h && sameSet(slot - 1, set) && states[slot - 1].equals(state)) {
        return false;
      }
    }
  }

  private boolean sameSet(int entry, long[] set) {
    int base = entry * words;
    for (int w = 0; w < words; w++) {
      if (bits[base + w] != set[w]) {
        return false;
      }
    }
    return true;
  }

  private void insert(int i, long h, long[] set, Object state) {
    if (size == states.length) {
      states = Arrays.copyOf(states, size * 2);
      bits = Arrays.copyOf(bits, Math.max(1, words) * size * 2);
    }
    System.arraycopy(set, 0, bits, size * words, words);
    states[size] = state;
    hashes[i] = h;
    slots[i] = ++size;
    if (size * 2 > hashes.length) {
      rehash();
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
