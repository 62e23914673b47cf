package io.plumbline.checker;

import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A plain etcd v3 key space written from etcd's documented rules, independent of the checker's
 * etcd model: revision 1 at start, one new revision per write transaction, versions from 1, a
 * value compare on an absent key false and its numeric fields 0, reads in a txn seeing its earlier
 * writes. Runs random get/put/delete/txn sequentially and records them in the etcd model's JSON
 * encoding (conformance/README.md), some response fields left out.
 */
final class EtcdReference {
  private static final String[] KEYS = {"a", "b"};
  private static final String[] VALUES = {"1", "2", "3"};
  private static final String[] TARGETS = {"value", "version", "create_revision", "mod_revision"};
  private static final String[] RESULTS = {"=", "!=", "<", ">"};

  /** value, version, create revision, mod revision of a present key. */
  private record Kv(String value, long version, long create, long mod) {}

  private TreeMap<String, Kv> keys = new TreeMap<>();
  private long revision = 1;
  private final SplittableRandom rnd;
  private final boolean revisions;
  private final SequentialRun run = new SequentialRun();

  private EtcdReference(SplittableRandom rnd, boolean revisions) {
    this.rnd = rnd;
    this.revisions = revisions;
  }

  /** {@code revisions}: whether responses record revisions (else keys are independent to the checker). */
  static SequentialRun run(SplittableRandom rnd, int n, boolean revisions) {
    EtcdReference r = new EtcdReference(rnd, revisions);
    for (int i = 0; i < n; i++) {
      r.step();
    }
    return r.run;
  }

  private void step() {
    String key = KEYS[rnd.nextInt(KEYS.length)];
    boolean info = rnd.nextInt(10) == 0;
    switch (rnd.nextInt(4)) {
      case 0 -> get(key);
      case 1 -> write("put", key, VALUES[rnd.nextInt(VALUES.length)], info);
      case 2 -> write("delete", key, null, info);
      default -> txn(key, info);
    }
  }

  private void get(String key) {
    Kv kv = keys.get(key);
    if (!revisions && rnd.nextBoolean()) {
      run.add("get", key, null, OpType.OK, kv == null ? null : kv.value(),
          new Object[] {OpType.OK, kv == null ? "9" : null}, new Object[] {OpType.OK, "9"});
      return;
    }
    Map<String, Object> out = response(kv, revision);
    List<Object[]> wrongs = new ArrayList<>();
    for (String field : out.keySet()) {
      Map<String, Object> bad = new LinkedHashMap<>(out);
      Object v = out.get(field);
      if (field.equals("count")) { // absent; claiming a value is wrong
        bad.remove("count");
        bad.put("value", "9");
      } else {
        bad.put(field, v instanceof Long l ? (Object) (l + 1) : v == null ? "9" : v + "9");
      }
      wrongs.add(new Object[] {OpType.OK, bad});
    }
    run.add("get", key, null, OpType.OK, out, wrongs.toArray(new Object[0][]));
  }

  /** A get response for {@code kv} at store revision {@code rev}, with a random choice of fields. */
  private Map<String, Object> response(Kv kv, long rev) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (kv == null) {
      if (rnd.nextBoolean()) {
        out.put("count", 0L); // etcd's answer for nothing found
      } else {
        out.put("value", null);
      }
    } else {
      out.put("value", kv.value());
      if (rnd.nextBoolean()) {
        out.put("version", kv.version());
      }
    }
    if (revisions && rnd.nextBoolean()) {
      out.put("create_revision", kv == null ? 0L : kv.create());
      out.put("mod_revision", kv == null ? 0L : kv.mod());
      out.put("revision", rev);
    }
    return out;
  }

  /** A put (value) or delete (null); an indeterminate one takes effect or not. */
  private void write(String f, String key, String value, boolean info) {
    Map<String, Kv> before = keys;
    long revBefore = revision;
    boolean present = keys.containsKey(key);
    Map<String, String> writes = new HashMap<>();
    writes.put(key, value);
    apply(writes);
    if (info) {
      run.add(f, key, value, OpType.INFO, value);
      if (rnd.nextBoolean()) {
        keys = new TreeMap<>(before);
        revision = revBefore;
      }
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    List<Object[]> wrongs = new ArrayList<>();
    if (f.equals("delete")) {
      out.put("deleted", present ? 1L : 0L);
      wrongs.add(new Object[] {OpType.OK, Map.of("deleted", present ? 0L : 1L)});
    }
    if (revisions && rnd.nextBoolean()) {
      out.put("revision", revision);
      wrongs.add(new Object[] {OpType.OK, Map.of("revision", revision + 1)});
    }
    run.add(f, key, value, OpType.OK, out, wrongs.toArray(new Object[0][]));
  }

  /** Applies one write transaction ({@code null} value = delete); a new revision iff something changed. */
  private void apply(Map<String, String> writes) {
    TreeMap<String, Kv> next = new TreeMap<>(keys);
    boolean changed = false;
    for (Map.Entry<String, String> w : writes.entrySet()) {
      Kv old = next.get(w.getKey());
      if (w.getValue() == null) {
        changed |= next.remove(w.getKey()) != null;
      } else {
        next.put(w.getKey(), old == null ? new Kv(w.getValue(), 1, revision + 1, revision + 1)
            : new Kv(w.getValue(), old.version() + 1, old.create(), revision + 1));
        changed = true;
      }
    }
    if (changed) {
      keys = next;
      revision++;
    }
  }

  private void txn(String key, boolean info) {
    List<Map<String, Object>> compares = new ArrayList<>();
    boolean holds = true;
    for (int c = 1 + rnd.nextInt(2); c > 0; c--) {
      String k = rnd.nextInt(3) == 0 ? KEYS[rnd.nextInt(KEYS.length)] : key;
      String target = TARGETS[rnd.nextInt(revisions ? 4 : 2)];
      String result = RESULTS[rnd.nextInt(RESULTS.length)];
      Object operand = target.equals("value") ? (Object) VALUES[rnd.nextInt(VALUES.length)] : (Object) (long) rnd.nextInt((int) revision + 2);
      compares.add(Map.of("key", k, "target", target, "result", result, "value", operand));
      holds &= holds(keys.get(k), target, result, operand);
    }
    List<Map<String, Object>> success = branch(key);
    List<Map<String, Object>> failure = branch(key);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("compare", compares);
    request.put("success", success);
    request.put("failure", failure);
    Map<String, Kv> before = keys;
    long revBefore = revision;
    List<Object> results = runBranch(holds ? success : failure);
    if (info) {
      run.add("txn", key, request, OpType.INFO, request);
      if (rnd.nextBoolean()) {
        keys = new TreeMap<>(before);
        revision = revBefore;
      }
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("succeeded", holds);
    List<Object[]> wrongs = new ArrayList<>();
    wrongs.add(new Object[] {OpType.OK, Map.of("succeeded", !holds)});
    if (revisions && rnd.nextBoolean()) {
      out.put("revision", revision);
      wrongs.add(new Object[] {OpType.OK, Map.of("succeeded", holds, "revision", revision + 1)});
    }
    if (revisions && rnd.nextBoolean()) {
      out.put("results", results);
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i) instanceof Map<?, ?> r && r.containsKey("value")) {
          List<Object> bad = new ArrayList<>(results);
          Map<String, Object> badRead = new LinkedHashMap<>();
          badRead.put("value", r.get("value") == null ? "9" : r.get("value") + "9");
          bad.set(i, badRead);
          Map<String, Object> badOut = new LinkedHashMap<>(out);
          badOut.put("results", bad);
          wrongs.add(new Object[] {OpType.OK, badOut});
        }
      }
    }
    run.add("txn", key, request, OpType.OK, out, wrongs.toArray(new Object[0][]));
  }

  /** Up to three ops, each key written at most once (etcd refuses duplicate writes in a branch). */
  private List<Map<String, Object>> branch(String key) {
    List<Map<String, Object>> ops = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (int n = rnd.nextInt(4); n > 0; n--) {
      String k = rnd.nextBoolean() ? key : KEYS[rnd.nextInt(KEYS.length)];
      int kind = rnd.nextInt(3);
      if (kind > 0 && written.contains(k)) {
        kind = 0;
      }
      switch (kind) {
        case 0 -> ops.add(Map.of("f", "get", "key", k));
        case 1 -> ops.add(Map.of("f", "put", "key", k, "value", VALUES[rnd.nextInt(VALUES.length)]));
        default -> ops.add(Map.of("f", "delete", "key", k));
      }
      if (kind > 0) {
        written.add(k);
      }
    }
    return ops;
  }

  /** Runs a branch as one write transaction; the gets' responses, in order (null for writes). */
  private List<Object> runBranch(List<Map<String, Object>> ops) {
    TreeMap<String, Kv> view = new TreeMap<>(keys);
    Map<String, String> writes = new LinkedHashMap<>();
    List<Object> results = new ArrayList<>();
    for (Map<String, Object> op : ops) {
      String k = (String) op.get("key");
      switch ((String) op.get("f")) {
        case "get" -> {
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("value", view.containsKey(k) ? view.get(k).value() : null);
          results.add(r);
        }
        case "put" -> {
          Kv old = keys.get(k);
          String v = (String) op.get("value");
          view.put(k, old == null ? new Kv(v, 1, revision + 1, revision + 1) : new Kv(v, old.version() + 1, old.create(), revision + 1));
          writes.put(k, v);
          results.add(null);
        }
        default -> {
          view.remove(k);
          writes.put(k, null);
          results.add(null);
        }
      }
    }
    apply(writes);
    return results;
  }

  private static boolean holds(Kv kv, String target, String result, Object operand) {
    if (target.equals("value")) {
      return kv != null && cmp(kv.value().compareTo((String) operand), result);
    }
    long actual = kv == null ? 0 : switch (target) {
      case "version" -> kv.version();
      case "create_revision" -> kv.create();
      default -> kv.mod();
    };
    return cmp(Long.compare(actual, (Long) operand), result);
  }

  private static boolean cmp(int c, String result) {
    return switch (result) {
      case "=" -> c == 0;
      case "!=" -> c != 0;
      case "<" -> c < 0;
      default -> c > 0;
    };
  }
}
