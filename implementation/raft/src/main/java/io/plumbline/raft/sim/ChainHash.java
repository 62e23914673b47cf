package io.plumbline.raft.sim;

import io.plumbline.raft.Entry;
import java.util.Arrays;

/**
 * A 64-bit hash chained over log entries: the hash at index i covers entries 1..i. Two logs with
 * the same chain value at i hold the same prefix (up to hash collisions), which turns LogMatching
 * and "applied sequences are prefixes of one another" into O(1) checks per entry.
 */
public final class ChainHash {
  private ChainHash() {}

  public static long extend(long prefix, Entry e) {
    long h = prefix * 0x9E3779B97F4A7C15L;
    h ^= mix(e.term() * 31 + e.index());
    h ^= mix(Arrays.hashCode(e.data()) + 0x632BE59BD9B4E019L * e.size());
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
