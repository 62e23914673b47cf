package io.plumbline.checker.model;

import io.plumbline.checker.UnsupportedOperationError;
import io.plumbline.history.Operation;
import io.plumbline.history.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An etcd operation decoded from a history operation: the request from the invocation's value and
 * the recorded response fields (all optional) from the completion's value. The encoding is
 * documented in conformance/README.md ("etcd model").
 */
sealed interface EtcdCall {

  /** What a recorded get response says; null fields were not recorded. */
  record GetExpect(boolean checkValue, Object value, Long version, Long createRevision, Long modRevision,
      Long revision) {
    static final GetExpect NOTHING = new GetExpect(false, null, null, null, null, null);
  }

  record Get(Object key, GetExpect expect) implements EtcdCall {}

  record Put(Object key, Object value, Long expectRevision) implements EtcdCall {}

  record Delete(Object key, Long expectDeleted, Long expectRevision) implements EtcdCall {}

  /** target: value, version, create_revision or mod_revision; result: =, !=, &lt; or &gt;. */
  record Compare(Object key, String target, String result, Object value) {}

  record Txn(List<Compare> compares, List<EtcdCall> success, List<EtcdCall> failure, Boolean expectSucceeded,
      Long expectRevision, List<?> expectResults) implements EtcdCall {}

  /** Decodes {@code op}; throws {@link UnsupportedOperationError} when it is not etcd-shaped. */
  static EtcdCall decode(Operation op) {
    Object out = op.output();
    Map<?, ?> resp = out instanceof Map<?, ?> m ? m : null;
    return switch (op.f()) {
      case "get" -> new Get(op.key(), op.isDefinite() ? getExpect(op, out) : GetExpect.NOTHING);
      case "put" -> new Put(op.key(), putValue(op, op.input()), longField(op, resp, "revision"));
      case "delete" -> new Delete(op.key(), longField(op, resp, "deleted"), longField(op, resp, "revision"));
      case "txn" -> txn(op, resp);
      default -> throw new UnsupportedOperationError(op, "get, put, delete or txn (etcd model)");
    };
  }

  private static GetExpect getExpect(Operation op, Object out) {
    if (!(out instanceof Map<?, ?> m)) {
      return new GetExpect(true, Values.normalize(out), null, null, null, null);
    }
    boolean absent = Long.valueOf(0).equals(Values.normalize(m.get("count")));
    boolean checkValue = m.containsKey("value") || absent;
    return new GetExpect(checkValue, absent ? null : Values.normalize(m.get("value")), longField(op, m, "version"),
        longField(op, m, "create_revision"), longField(op, m, "mod_revision"), longField(op, m, "revision"));
  }

  private static Object putValue(Operation op, Object in) {
    Object v = in instanceof Map<?, ?> m ? m.get("value") : in;
    if (v == null) {
      throw new UnsupportedOperationError(op, "put with a value");
    }
    return Values.normalize(v);
  }

  private static Long longField(Operation op, Map<?, ?> m, String field) {
    Object v = m == null ? null : Values.normalize(m.get(field));
    if (v == null || v instanceof Long) {
      return (Long) v;
    }
    throw new UnsupportedOperationError(op, "\"" + field + "\" to be an integer");
  }

  private static Txn txn(Operation op, Map<?, ?> resp) {
    if (!(op.input() instanceof Map<?, ?> req)) {
      throw new UnsupportedOperationError(op, "txn with a {compare, success, failure} map");
    }
    List<Compare> compares = new ArrayList<>();
    for (Object c : list(op, req.get("compare"))) {
      compares.add(compare(op, c));
    }
    Object succeeded = resp == null ? null : resp.get("succeeded");
    List<?> results = resp != null && resp.get("results") instanceof List<?> l ? l : null;
    return new Txn(compares, branch(op, req.get("success")), branch(op, req.get("failure")),
        succeeded instanceof Boolean b ? b : null, longField(op, resp, "revision"), results);
  }

  private static List<?> list(Operation op, Object v) {
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l;
    }
    throw new UnsupportedOperationError(op, "txn compare/success/failure to be lists");
  }

  private static Compare compare(Operation op, Object c) {
    if (!(c instanceof Map<?, ?> m)) {
      throw new UnsupportedOperationError(op, "compares of the form {key, target, result, value}");
    }
    String target = canonicalTarget(Values.name(m.get("target")));
    String result = canonicalResult(Values.name(m.get("result")));
    if (target == null || result == null) {
      throw new UnsupportedOperationError(op, "compare target value|version|create_revision|mod_revision and result =|!=|<|>");
    }
    Object key = m.containsKey("key") ? m.get("key") : op.key();
    return new Compare(key, target, result, Values.normalize(m.get("value")));
  }

  private static String canonicalTarget(String t) {
    if (t == null) {
      return null;
    }
    return switch (t.toLowerCase(Locale.ROOT)) {
      case "value" -> "value";
      case "version" -> "version";
      case "create", "create_revision" -> "create_revision";
      case "mod", "mod_revision" -> "mod_revision";
      default -> null;
    };
  }

  private static String canonicalResult(String r) {
    if (r == null) {
      return null;
    }
    return switch (r.toLowerCase(Locale.ROOT)) {
      case "=", "equal" -> "=";
      case "!=", "not_equal" -> "!=";
      case "<", "less" -> "<";
      case ">", "greater" -> ">";
      default -> null;
    };
  }

  private static List<EtcdCall> branch(Operation op, Object v) {
    List<EtcdCall> out = new ArrayList<>();
    for (Object o : list(op, v)) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new UnsupportedOperationError(op, "txn branch ops of the form {f, key, value}");
      }
      Object key = m.containsKey("key") ? m.get("key") : op.key();
      String f = Values.name(m.get("f"));
      out.add(switch (f == null ? "" : f) {
        case "get" -> new Get(key, GetExpect.NOTHING);
        case "put" -> new Put(key, putValue(op, m.get("value")), null);
        case "delete" -> new Delete(key, null, null);
        default -> throw new UnsupportedOperationError(op, "txn branch op f get, put or delete");
      });
    }
    return out;
  }

  /** True when the call's recorded response or compares involve revisions (global across keys). */
  static boolean observesRevisions(EtcdCall call) {
    if (call instanceof Get g) {
      GetExpect e = g.expect();
      return e.revision() != null || e.createRevision() != null || e.modRevision() != null;
    }
    if (call instanceof Put p) {
      return p.expectRevision() != null;
    }
    if (call instanceof Delete d) {
      return d.expectRevision() != null;
    }
    Txn t = (Txn) call;
    return t.expectRevision() != null || t.expectResults() != null
        || t.compares().stream().anyMatch(c -> c.target().endsWith("revision"));
  }

  /** True when the call's recorded response or compares involve a key's version. */
  static boolean observesVersions(EtcdCall call) {
    if (call instanceof Get g) {
      return g.expect().version() != null;
    }
    if (call instanceof Txn t) {
      return t.expectResults() != null || t.compares().stream().anyMatch(c -> c.target().equals("version"));
    }
    return false;
  }

  /** Every key the call touches. */
  static List<Object> keys(EtcdCall call) {
    List<Object> keys = new ArrayList<>();
    if (call instanceof Get g) {
      keys.add(g.key());
    } else if (call instanceof Put p) {
      keys.add(p.key());
    } else if (call instanceof Delete d) {
      keys.add(d.key());
    } else {
      Txn t = (Txn) call;
      t.compares().forEach(c -> keys.add(c.key()));
      t.success().forEach(c -> keys.addAll(keys(c)));
      t.failure().forEach(c -> keys.addAll(keys(c)));
    }
    return keys;
  }
}
