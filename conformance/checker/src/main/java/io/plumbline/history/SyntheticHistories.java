package io.plumbline.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generates histories by simulating clients against a real (sequential, hence linearizable)
 * store: every operation takes effect at a random instant between its invocation and completion,
 * so the result is linearizable by construction. Seeded; the same seed gives the same history.
 */
public final class SyntheticHistories {
  private SyntheticHistories() {}

  /**
   * A {@code kv} history (get/put/append on string keys, initial value "").
   *
   * @param crashPercent chance (0-100) that an operation ends as {@code info}; its process is then
   *     replaced by a fresh one, as Jepsen does
   */
  public static History kv(long seed, int operations, int clients, int keys, int crashPercent) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, String> store = new HashMap<>();
    PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    List<Op> events = new ArrayList<>();
    Object[][] pending = new Object[clients][];
    long[] process = new long[clients];
    for (int c = 0; c < clients; c++) {
      process[c] = c;
      queue.add(new long[] {rnd.nextLong(1, 1000), c, 0});
    }
    int invoked = 0;
    while (!queue.isEmpty()) {
      long[] ev = queue.poll();
      int c = (int) ev[1];
      long t = ev[0];
      String p = Long.toString(process[c]);
      switch ((int) ev[2]) {
        case 0 -> { // invoke
          if (invoked++ >= operations) {
            continue;
          }
          String key = Integer.toString(rnd.nextInt(keys));
          int kind = rnd.nextInt(3);
          String f = kind == 0 ? "get" : kind == 1 ? "put" : "append";
          String arg = kind == 0 ? null : "x" + c + "." + invoked + ";";
          pending[c] = new Object[] {f, key, arg, null};
          events.add(new Op(0, p, OpType.INVOKE, f, arg, key, t, null, Map.of()));
          boolean crash = rnd.nextInt(100) < crashPercent;
          long apply = t + rnd.nextLong(1, 2000);
          if (!crash || rnd.nextBoolean()) {
            queue.add(new long[] {apply, c, 1});
          }
          queue.add(new long[] {apply + rnd.nextLong(1, 2000), c, crash ? 3 : 2});
        }
        case 1 -> pending[c][3] = apply(store, pending[c]);
        default -> {
          Object[] op = pending[c];
          boolean crashed = ev[2] == 3;
          Object value = op[0].equals("get") ? op[3] : op[2];
          events.add(new Op(0, p, crashed ? OpType.INFO : OpType.OK, (String) op[0], crashed ? op[2] : value,
              op[1], t, null, Map.of()));
          if (crashed) {
            process[c] += clients;
          }
          queue.add(new long[] {t + rnd.nextLong(1, 500), c, 0});
        }
      }
    }
    return new History("synthetic-kv-seed" + seed, events);
  }

  private static Object apply(Map<String, String> store, Object[] op) {
    String key = (String) op[1];
    String cur = store.getOrDefault(key, "");
    switch ((String) op[0]) {
      case "get" -> {
        return cur;
      }
      case "put" -> store.put(key, (String) op[2]);
      default -> store.put(key, cur + op[2]);
    }
    return null;
  }

  /**
   * A register history that is not linearizable and as hard as it gets for the search: {@code n}
   * fully concurrent writes of distinct values and a concurrent read of a value never written.
   * Proving it invalid visits about n·2^n (linearized set, state) pairs.
   */
  public static History hardRegister(int n) {
    List<Op> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(Op.of(0, Integer.toString(i), OpType.INVOKE, "write", (long) i));
    }
    events.add(Op.of(0, Integer.toString(n), OpType.INVOKE, "read", null));
    for (int i = 0; i < n; i++) {
      events.add(Op.of(0, Integer.toString(i), OpType.OK, "write", (long) i));
    }
    events.add(Op.of(0, Integer.toString(n), OpType.OK, "read", -1L));
    return new History("hard-register-" + n, events);
  }
}
