package io.plumbline.checker;

import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Plain reference implementations of the register, cas-register, kv, mutex and multi-register
 * models, written from their documented semantics (conformance/README.md), independent of the
 * model classes. Each runs random operations sequentially. An indeterminate step took effect or
 * not (a coin); a failed step never did.
 */
final class SimpleReferences {
  private static final long[] VALUES = {0, 1, 2};

  private SimpleReferences() {}

  static SequentialRun run(String model, Object init, SplittableRandom rnd, int n) {
    return switch (model) {
      case "register", "cas-register" -> register(model.equals("cas-register"), init, rnd, n);
      case "kv" -> kv(rnd, n);
      case "mutex" -> mutex(rnd, n);
      case "multi-register" -> multiRegister(rnd, n);
      default -> throw new IllegalArgumentException(model);
    };
  }

  /** A read of nil is "unknown"; a cas succeeds iff the value equals from, else it fails (definitely). */
  private static SequentialRun register(boolean cas, Object init, SplittableRandom rnd, int n) {
    SequentialRun run = new SequentialRun();
    Object state = init;
    for (int i = 0; i < n; i++) {
      int kind = rnd.nextInt(cas ? 3 : 2);
      boolean info = rnd.nextInt(8) == 0;
      boolean applied = rnd.nextBoolean();
      if (kind == 0) {
        run.add("read", null, null, OpType.OK, state, otherValue(state));
      } else if (kind == 1) {
        long v = VALUES[rnd.nextInt(3)];
        run.add("write", null, v, info ? OpType.INFO : OpType.OK, v);
        state = info && !applied ? state : (Object) v;
      } else {
        List<Long> fromTo = List.of(VALUES[rnd.nextInt(3)], VALUES[rnd.nextInt(3)]);
        boolean holds = Objects.equals(state, fromTo.get(0));
        if (info) {
          run.add("cas", null, fromTo, OpType.INFO, fromTo);
          state = holds && applied ? fromTo.get(1) : state;
        } else if (holds) {
          run.add("cas", null, fromTo, OpType.OK, fromTo);
          state = fromTo.get(1);
        } else {
          run.add("cas", null, fromTo, OpType.FAIL, fromTo, new Object[] {OpType.OK, fromTo});
        }
      }
    }
    return run;
  }

  private static Object[] otherValue(Object state) {
    return new Object[] {OpType.OK, state == null ? (Object) 1L : (Object) (((Long) state + 1) % 3)};
  }

  /** Porcupine's kv: get, put, append on two keys starting at "", a get of nil reads "". */
  private static SequentialRun kv(SplittableRandom rnd, int n) {
    SequentialRun run = new SequentialRun();
    Map<String, String> state = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String key = rnd.nextBoolean() ? "x" : "y";
      String cur = state.getOrDefault(key, "");
      String v = String.valueOf((char) ('a' + rnd.nextInt(3)));
      boolean info = rnd.nextInt(8) == 0;
      boolean applied = !info || rnd.nextBoolean();
      switch (rnd.nextInt(3)) {
        case 0 -> run.add("get", key, null, OpType.OK, cur.isEmpty() && rnd.nextBoolean() ? null : cur,
            new Object[] {OpType.OK, cur + "q"}, new Object[] {OpType.OK, cur.isEmpty() ? "q" : null});
        case 1 -> {
          run.add("put", key, v, info ? OpType.INFO : OpType.OK, v);
          state.put(key, applied ? v : cur);
        }
        default -> {
          run.add("append", key, v, info ? OpType.INFO : OpType.OK, v);
          state.put(key, applied ? cur + v : cur);
        }
      }
    }
    return run;
  }

  /** Knossos's mutex: acquire iff free, release iff held; an attempt that is not legal fails. */
  private static SequentialRun mutex(SplittableRandom rnd, int n) {
    SequentialRun run = new SequentialRun();
    boolean held = false;
    for (int i = 0; i < n; i++) {
      boolean acquire = rnd.nextBoolean();
      boolean legal = acquire != held;
      if (legal && rnd.nextInt(8) == 0) {
        run.add(acquire ? "acquire" : "release", null, null, OpType.INFO, null);
        held = rnd.nextBoolean() ? acquire : held;
      } else if (legal) {
        run.add(acquire ? "acquire" : "release", null, null, OpType.OK, null);
        held = acquire;
      } else {
        run.add(acquire ? "acquire" : "release", null, null, OpType.FAIL, null, new Object[] {OpType.OK, null});
      }
    }
    return run;
  }

  /** Knossos's multi-register: txns of [read k v] / [write k v], in order, atomically; keys start at 0. */
  private static SequentialRun multiRegister(SplittableRandom rnd, int n) {
    SequentialRun run = new SequentialRun();
    Map<String, Long> state = new HashMap<>();
    for (int i = 0; i < n; i++) {
      List<List<Object>> invoke = new ArrayList<>();
      List<List<Object>> done = new ArrayList<>();
      Map<String, Long> next = new HashMap<>(state);
      List<Integer> reads = new ArrayList<>();
      boolean writes = false;
      for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
        String k = rnd.nextBoolean() ? "x" : "y";
        if (rnd.nextBoolean()) {
          reads.add(done.size());
          invoke.add(List.of("read", k, "nil"));
          done.add(List.of("read", k, next.getOrDefault(k, 0L)));
        } else {
          long v = 1 + rnd.nextInt(3);
          invoke.add(List.of("write", k, v));
          done.add(List.of("write", k, v));
          next.put(k, v);
          writes = true;
        }
      }
      List<List<Object>> in = nils(invoke);
      if (writes && reads.isEmpty() && rnd.nextInt(4) == 0) {
        run.add("txn", null, in, OpType.INFO, in);
        state = rnd.nextBoolean() ? next : state;
        continue;
      }
      List<Object[]> wrongs = new ArrayList<>();
      for (int r : reads) {
        List<List<Object>> bad = new ArrayList<>(done);
        long seen = (Long) done.get(r).get(2);
        bad.set(r, List.of("read", done.get(r).get(1), (seen + 1) % 4));
        wrongs.add(new Object[] {OpType.OK, bad});
      }
      run.add("txn", null, in, OpType.OK, done, wrongs.toArray(new Object[0][]));
      state = next;
    }
    return run;
  }

  /** The invocation's micro-operations with reads of nil (List.of refuses null). */
  private static List<List<Object>> nils(List<List<Object>> invoke) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> m : invoke) {
      List<Object> copy = new ArrayList<>(m);
      if ("nil".equals(copy.get(2))) {
        copy.set(2, null);
      }
      out.add(copy);
    }
    return out;
  }
}
