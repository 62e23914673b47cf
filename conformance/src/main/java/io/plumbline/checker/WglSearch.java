package io.plumbline.checker;

import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Wing &amp; Gong's linearizability search with Lowe's memoisation, over one partition.
 *
 * <p>Events (calls and returns) sit in a doubly linked list in real-time order. The search walks
 * the list: at a call it tries to linearize that operation now (model step succeeds and the pair
 * (linearized set, state) is new), removing the call and its return from the list; at a return
 * it has met an operation that should already have been linearized, so it backtracks. Operations
 * with an indeterminate outcome have their return at +infinity and need not be linearized: the
 * search succeeds as soon as every definite operation is.
 *
 * @param <S> model state type
 */
final class WglSearch<S> {
  private static final int POLL_EVERY = 1 << 12;
  /** Rough heap cost of one memo entry beyond its bitset words (key object, hash node, table slot). */
  private static final int MEMO_ENTRY_OVERHEAD_BYTES = 96;

  private final Model<S> model;
  private final List<Operation> ops;
  private final SearchControl control;
  private final int n;
  private final int head;
  private final int[] next;
  private final int[] prev;
  private final int[] opOf;
  private final int[] match; // call entry -> its return entry, -1 for returns
  private final long[] zobrist;

  // Longest prefix seen at a dead end, for the failure report.
  private int[] bestPrefix = new int[0];
  private int bestStuck = -1;
  private S bestState;

  WglSearch(Model<S> model, List<Operation> ops, SearchControl control) {
    this.model = model;
    this.ops = ops;
    this.control = control;
    this.n = ops.size();
    this.head = 2 * n;
    this.next = new int[2 * n + 1];
    this.prev = new int[2 * n + 1];
    this.opOf = new int[2 * n];
    this.match = new int[2 * n];
    this.zobrist = new SplittableRandom(0x5eed).longs(n).toArray();
    buildList();
  }

  /** Sorts calls and returns by history position and links them after the head sentinel. */
  private void buildList() {
    long[] keys = new long[2 * n];
    for (int i = 0; i < n; i++) {
      Operation op = ops.get(i);
      long ret = op.returnIndex() == Integer.MAX_VALUE ? (1L << 31) + op.callIndex() : op.returnIndex();
      keys[2 * i] = ((long) op.callIndex() << 24) | (2L * i);       // positions < 2^31, ops < 2^23
      keys[2 * i + 1] = (ret << 24) | (2L * i + 1);
    }
    Arrays.sort(keys);
    int[] entryAt = new int[2 * n];
    for (int k = 0; k < 2 * n; k++) {
      int slot = (int) (keys[k] & 0xFFFFFF);
      entryAt[slot] = k;
      opOf[k] = slot / 2;
    }
    for (int i = 0; i < n; i++) {
      match[entryAt[2 * i]] = entryAt[2 * i + 1];
      match[entryAt[2 * i + 1]] = -1;
    }
    int last = head;
    for (int k = 0; k < 2 * n; k++) {
      next[last] = k;
      prev[k] = last;
      last = k;
    }
    next[last] = -1;
    if (n == 0) {
      next[head] = -1;
    }
  }

  PartitionOutcome run() {
    int remaining = 0;
    for (Operation op : ops) {
      remaining += op.isDefinite() ? 1 : 0;
    }
    HashSet<MemoKey> memo = new HashSet<>();
    long[] linearized = new long[(n + 63) / 64];
    long hash = 0;
    int[] stackEntry = new int[n];
    Object[] stackState = new Object[n];
    int depth = 0;
    S state = model.initialState();
    int entry = next[head];
    long bytesPerEntry = MEMO_ENTRY_OVERHEAD_BYTES + 8L * linearized.length;
    long steps = 0;
    while (remaining > 0) {
      if ((++steps & (POLL_EVERY - 1)) == 0 && control.shouldStop(System.nanoTime())) {
        return unknown(memo.size());
      }
      if (match[entry] >= 0) { // a call: try to linearize it here
        int op = opOf[entry];
        S after = model.step(state, ops.get(op));
        if (after != null) {
          linearized[op >>> 6] |= 1L << op;
          long h = hash ^ zobrist[op];
          MemoKey probe = new MemoKey(linearized, after, h);
          if (!memo.contains(probe)) {
            memo.add(probe.frozen());
            if (!control.addMemoBytes(bytesPerEntry)) {
              return unknown(memo.size());
            }
            stackEntry[depth] = entry;
            stackState[depth++] = state;
            state = after;
            hash = h;
            remaining -= ops.get(op).isDefinite() ? 1 : 0;
            lift(entry);
            entry = next[head];
            continue;
          }
          linearized[op >>> 6] &= ~(1L << op);
        }
        entry = next[entry];
        continue;
      }
      // a return: its operation should have been linearized by now
      noteDeadEnd(stackEntry, depth, entry, state);
      if (depth == 0) {
        return invalid(memo.size());
      }
      entry = stackEntry[--depth];
      @SuppressWarnings("unchecked")
      S restored = (S) stackState[depth];
      state = restored;
      stackState[depth] = null;
      int op = opOf[entry];
      linearized[op >>> 6] &= ~(1L << op);
      hash ^= zobrist[op];
      remaining += ops.get(op).isDefinite() ? 1 : 0;
      unlift(entry);
      entry = next[entry];
    }
    return new PartitionOutcome(Validity.TRUE, ops, List.of(), null, null, memo.size());
  }

  /** Remembers the longest linearized prefix that hit a dead end, and the operation it hit. */
  private void noteDeadEnd(int[] stackEntry, int depth, int returnEntry, S state) {
    if (depth > bestPrefix.length || bestStuck < 0) {
      bestPrefix = new int[depth];
      for (int i = 0; i < depth; i++) {
        bestPrefix[i] = opOf[stackEntry[i]];
      }
      bestStuck = opOf[returnEntry];
      bestState = state;
    }
  }

  private void lift(int call) {
    unlink(call);
    unlink(match[call]);
  }

  private void unlink(int e) {
    next[prev[e]] = next[e];
    if (next[e] >= 0) {
      prev[next[e]] = prev[e];
    }
  }

  private void unlift(int call) {
    relink(match[call]);
    relink(call);
  }

  private void relink(int e) {
    next[prev[e]] = e;
    if (next[e] >= 0) {
      prev[next[e]] = e;
    }
  }

  private PartitionOutcome unknown(long memoEntries) {
    return new PartitionOutcome(Validity.UNKNOWN, ops, List.of(), null, null, memoEntries);
  }

  private PartitionOutcome invalid(long memoEntries) {
    List<Operation> prefix = new ArrayList<>(bestPrefix.length);
    for (int op : bestPrefix) {
      prefix.add(ops.get(op));
    }
    return new PartitionOutcome(Validity.FALSE, ops, prefix, ops.get(bestStuck), bestState, memoEntries);
  }

  /** A memo entry: a copy of the linearized set, the model state, and the set's Zobrist hash. */
  private static final class MemoKey {
    private final long[] bits;
    private final Object state;
    private final int hash;

    /** A probe over the live bitset; {@link #frozen()} copies it before it goes into the memo. */
    MemoKey(long[] bits, Object state, long setHash) {
      this(bits, state, (int) (setHash ^ (setHash >>> 32)) * 31 + state.hashCode());
    }

    private MemoKey(long[] bits, Object state, int hash) {
      this.bits = bits;
      this.state = state;
      this.hash = hash;
    }

    MemoKey frozen() {
      return new MemoKey(bits.clone(), state, hash);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof MemoKey k && k.hash == hash && Arrays.equals(k.bits, bits) && k.state.equals(state);
    }
  }
}
