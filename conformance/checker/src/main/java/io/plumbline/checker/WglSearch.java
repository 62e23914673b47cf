package io.plumbline.checker;

import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
  private final boolean[] readWrite; // false: the model says the operation never changes the state
  private final int[] olderTwin; // an earlier-invoked indeterminate op with the same f, key, input; or -1

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
    this.zobrist = new long[n];
    SplittableRandom keys = new SplittableRandom(0x5eed);
    for (int i = 0; i < n; i++) {
      zobrist[i] = keys.nextLong();
    }
    this.readWrite = new boolean[n];
    for (int i = 0; i < n; i++) {
      readWrite[i] = model.mayChangeState(ops.get(i));
    }
    this.olderTwin = twins(ops);
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

  // Search state: the linearized set (bits + Zobrist hash), the model state, and the stack of
  // linearized calls with the state before each; a "forced" frame is a read-only operation
  // linearized as early as possible (see run()), which has no alternatives worth trying.
  private long[] linearized;
  private long hash;
  private S state;
  private int depth;
  private int remaining;
  private int[] stackEntry;
  private Object[] stackState;
  private boolean[] stackForced;
  private boolean[] stackUrgent;
  private Memo memo;

  /**
   * Runs the search. Prunings beyond Wing-Gong-Lowe, each keeping the verdict exact:
   *
   * <ul>
   *   <li>an operation the model marks as never changing the state (a read) that can be
   *       linearized at the current point is linearized there and nowhere else: moving a read
   *       earlier, within its own interval, to a point where it holds changes no state and breaks
   *       no real-time order. So when that branch fails, its node fails;
   *   <li>an indeterminate operation whose step leaves the state unchanged is not linearized there:
   *       it may as well never happen;
   *   <li>identical indeterminate operations are used in invocation order (see {@link #twins}).
   * </ul>
   */
  /**
   * Indeterminate operations with the same f, key and input are interchangeable once invoked (no
   * output, no deadline), so the search uses them in invocation order: linearizing the younger
   * twin first would only repeat, mirrored, what the older one already explored.
   */
  private static int[] twins(List<Operation> ops) {
    int[] twin = new int[ops.size()];
    Map<List<Object>, Integer> latest = new HashMap<>();
    Integer[] order = new Integer[ops.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(ops.get(a).callIndex(), ops.get(b).callIndex()));
    for (int i : order) {
      Operation op = ops.get(i);
      twin[i] = -1;
      if (!op.isDefinite()) {
        List<Object> identity = Arrays.asList(op.f(), op.key(), op.input());
        Integer older = latest.put(identity, i);
        twin[i] = older == null ? -1 : older;
      }
    }
    return twin;
  }

  PartitionOutcome run() {
    for (Operation op : ops) {
      remaining += op.isDefinite() ? 1 : 0;
    }
    linearized = new long[(n + 63) / 64];
    try {
      memo = new Memo(n, bytes -> control.addMemoBytes(bytes) && !control.shouldStop(System.nanoTime()));
      return search();
    } catch (Memo.BudgetExceeded e) { // the memo may not grow: memory budget, deadline, or another partition failed
      return unknown();
    }
  }

  private PartitionOutcome search() {
    stackEntry = new int[n];
    stackState = new Object[n];
    stackForced = new boolean[n];
    state = model.initialState();
    stackUrgent = new boolean[n];
    int entry = FRESH_NODE;
    long steps = 0;
    while (remaining > 0) {
      if ((++steps & (POLL_EVERY - 1)) == 0 && control.shouldStop(System.nanoTime())) {
        return unknown();
      }
      if (entry == FRESH_NODE) { // a read that holds first, then list order
        int read = applicableRead();
        entry = read >= 0 ? tryCall(read, true) : next[head];
      } else if (match[entry] < 0) { // a return: its operation should have been linearized by now
        noteDeadEnd(entry);
        entry = backtrack();
      } else {
        entry = tryCall(entry, false);
      }
      if (entry == EXHAUSTED) {
        return invalid();
      }
    }
    return new PartitionOutcome(Validity.TRUE, ops, List.of(), null, null, memo.size());
  }

  // Distinct from -1, which next[] uses for the end of the list (reached when everything is linearized).
  private static final int EXHAUSTED = Integer.MIN_VALUE;
  /** A node was just entered: try its most urgent call, then the candidates in list order. */
  private static final int FRESH_NODE = Integer.MIN_VALUE + 2;

  /**
   * A candidate read (read-only operation) that holds in the current state, or -1. It would be
   * linearized here anyway when the list walk reached it (see run()); taking it first keeps the
   * walk from trying writes that the read's failure would make pointless. Candidates are the calls
   * before the first return in the list. Only the visiting order changes, not the verdict.
   */
  private int applicableRead() {
    for (int e = next[head]; match[e] >= 0; e = next[e]) {
      if (!readWrite[opOf[e]] && model.step(state, ops.get(opOf[e])) != null) {
        return e;
      }
    }
    return -1;
  }

  /**
   * Tries to linearize the call at {@code entry} now; returns the entry to look at next. An urgent
   * try is made first at a node, so when it is not taken the node's candidates follow from the head.
   */
  private int tryCall(int entry, boolean urgent) {
    int op = opOf[entry];
    int otherwise = urgent ? next[head] : next[entry];
    int twin = olderTwin[op];
    if (twin >= 0 && (linearized[twin >>> 6] & (1L << twin)) == 0) {
      return otherwise; // its older twin goes first
    }
    Operation operation = ops.get(op);
    S after = model.step(state, operation);
    if (after == null || (!operation.isDefinite() && after.equals(state))) {
      return otherwise; // an indeterminate op that changes nothing here may as well never happen
    }
    boolean readOnly = !readWrite[op];
    linearized[op >>> 6] |= 1L << op;
    long h = hash ^ zobrist[op];
    if (!memo.add(h, linearized, after)) {
      linearized[op >>> 6] &= ~(1L << op);
      return readOnly ? backtrack() : otherwise; // read-only: this node was as good as explored
    }
    stackEntry[depth] = entry;
    stackState[depth] = state;
    stackUrgent[depth] = urgent;
    stackForced[depth++] = readOnly;
    state = after;
    hash = h;
    remaining -= operation.isDefinite() ? 1 : 0;
    lift(entry);
    return FRESH_NODE;
  }

  /** Undoes the last linearization (and any forced ones below it); returns the next entry to try. */
  private int backtrack() {
    boolean forced;
    boolean urgent;
    int entry;
    do {
      if (depth == 0) {
        return EXHAUSTED;
      }
      entry = stackEntry[--depth];
      forced = stackForced[depth];
      urgent = stackUrgent[depth];
      @SuppressWarnings("unchecked")
      S restored = (S) stackState[depth];
      state = restored;
      stackState[depth] = null;
      int op = opOf[entry];
      linearized[op >>> 6] &= ~(1L << op);
      hash ^= zobrist[op];
      remaining += ops.get(op).isDefinite() ? 1 : 0;
      unlift(entry);
    } while (forced);
    return urgent ? next[head] : next[entry];
  }

  /** Remembers the longest linearized prefix that hit a dead end, and the operation it hit. */
  private void noteDeadEnd(int returnEntry) {
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

  private PartitionOutcome unknown() {
    return new PartitionOutcome(Validity.UNKNOWN, ops, List.of(), null, null, memo == null ? 0 : memo.size());
  }

  private PartitionOutcome invalid() {
    List<Operation> prefix = new ArrayList<>(bestPrefix.length);
    for (int op : bestPrefix) {
      prefix.add(ops.get(op));
    }
    return new PartitionOutcome(Validity.FALSE, ops, prefix, ops.get(bestStuck), bestState, memo.size());
  }
}
