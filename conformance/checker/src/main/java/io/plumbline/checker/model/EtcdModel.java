package io.plumbline.checker.model;

import io.plumbline.checker.Model;
import io.plumbline.checker.model.EtcdCall.Compare;
import io.plumbline.checker.model.EtcdCall.Delete;
import io.plumbline.checker.model.EtcdCall.Get;
import io.plumbline.checker.model.EtcdCall.GetExpect;
import io.plumbline.checker.model.EtcdCall.Put;
import io.plumbline.checker.model.EtcdCall.Txn;
import io.plumbline.checker.model.EtcdState.KeyValue;
import io.plumbline.history.Operation;
import io.plumbline.history.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * etcd's v3 key-value API as a sequential specification: {@code get}, {@code put}, {@code delete}
 * and {@code txn} with compares on value, version, create and mod revision, following etcd's rules:
 *
 * <ul>
 *   <li>the store starts empty at revision 1; every write transaction (a put, a delete that
 *       removes a key, a txn whose branch writes) raises the revision by exactly one, shared by all
 *       writes of that txn;
 *   <li>a put sets the key's value, raises its version (1 on creation), keeps its create revision
 *       and sets its mod revision to the new revision; a delete removes the key (version back to 0);
 *   <li>a compare on the value of an absent key is always false; a compare on version, create or
 *       mod revision of an absent key compares against 0;
 *   <li>a get of an absent key returns no value: record it as nil (or {@code {"count": 0}}).
 * </ul>
 *
 * Only response fields that were recorded are checked. When no operation records a revision and
 * every operation touches one key, keys are independent and the history is split per key. Counters
 * nobody observes (revisions, versions) are not tracked, so that equal stores are equal states.
 */
public final class EtcdModel implements Model<EtcdState> {
  private volatile Decoded decoded = new Decoded(new Operation[0], new Txn[0]);
  private volatile boolean trackRevisions = true;
  private volatile boolean trackVersions = true;

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public EtcdState initialState() {
    return EtcdState.EMPTY;
  }

  @Override
  public EtcdState step(EtcdState state, Operation op) {
    return apply(state, op, null);
  }

  @Override
  public String explain(EtcdState state, Operation op) {
    StringBuilder why = new StringBuilder();
    apply(state, op, why);
    return why.length() == 0 ? "inconsistent with " + state : why.toString();
  }

  @Override
  public boolean mayChangeState(Operation op) {
    Txn t = call(op);
    boolean successReads = t.success().stream().allMatch(Get.class::isInstance);
    boolean failureReads = t.failure().stream().allMatch(Get.class::isInstance);
    if (op.isDefinite() && t.expectSucceeded() != null) { // only the recorded branch can run
      return !(t.expectSucceeded() ? successReads : failureReads);
    }
    return !(successReads && failureReads);
  }

  /** Splits per key when no operation observes revisions and none spans two keys. */
  @Override
  public List<List<Operation>> partition(List<Operation> ops) {
    decodeAll(ops);
    Map<Object, List<Operation>> byKey = new LinkedHashMap<>();
    boolean revisions = false;
    boolean versions = false;
    for (Operation op : ops) {
      Txn t = call(op);
      EtcdCall c = t.compares().isEmpty() && t.success().size() == 1 && t.expectSucceeded() == null ? t.success().get(0) : t;
      revisions |= EtcdCall.observesRevisions(c);
      versions |= EtcdCall.observesVersions(c);
      Set<Object> keys = new HashSet<>(EtcdCall.keys(c));
      if (keys.size() != 1) {
        byKey = null;
      }
      if (byKey != null) {
        byKey.computeIfAbsent(keys.iterator().next(), k -> new ArrayList<>()).add(op);
      }
    }
    // Unobserved counters would only make equal stores look different to the memo.
    trackRevisions = revisions;
    trackVersions = versions || revisions;
    return revisions || byKey == null ? List.of(ops) : new ArrayList<>(byKey.values());
  }

  /** The operation decoded as a txn (a lone get/put/delete is a txn without compares). */
  private Txn call(Operation op) {
    Decoded d = decoded;
    int id = op.id();
    if (id < d.ops.length && d.ops[id] == op) {
      return d.calls[id];
    }
    return asTxn(EtcdCall.decode(op));
  }

  private static Txn asTxn(EtcdCall c) {
    return c instanceof Txn t ? t : new Txn(List.of(), List.of(c), List.of(), null, null, null);
  }

  /** Calls decoded once per check, indexed by operation id (identity-checked, so never stale). */
  private record Decoded(Operation[] ops, Txn[] calls) {}

  private void decodeAll(List<Operation> ops) {
    int max = ops.stream().mapToInt(Operation::id).max().orElse(-1);
    Operation[] byId = new Operation[max + 1];
    Txn[] calls = new Txn[max + 1];
    for (Operation op : ops) {
      byId[op.id()] = op;
      calls[op.id()] = asTxn(EtcdCall.decode(op));
    }
    decoded = new Decoded(byId, calls);
  }

  /** Runs {@code op} on {@code state}; null (and a reason in {@code why}, when given) if impossible. */
  private EtcdState apply(EtcdState state, Operation op, StringBuilder why) {
    Txn txn = call(op);
    boolean succeeded = true;
    for (Compare cmp : txn.compares()) {
      succeeded &= holds(state, cmp);
    }
    if (txn.expectSucceeded() != null && txn.expectSucceeded() != succeeded) {
      return fail(why, "txn " + (succeeded ? "would succeed" : "would fail") + " but recorded succeeded="
          + txn.expectSucceeded() + " in " + state);
    }
    Work w = new Work(state);
    List<EtcdCall> branch = succeeded ? txn.success() : txn.failure();
    for (int i = 0; i < branch.size(); i++) {
      EtcdCall sub = branch.get(i);
      Object result = txn.expectResults() != null && i < txn.expectResults().size() ? txn.expectResults().get(i) : null;
      if (!w.run(sub, result, op, why)) {
        return null;
      }
    }
    EtcdState next = w.finish();
    EtcdCall only = txn.success().size() == 1 ? txn.success().get(0) : null;
    Long expectRevision = txn.expectRevision() != null ? txn.expectRevision()
        : only instanceof Put p ? p.expectRevision() : only instanceof Delete d ? d.expectRevision() : null;
    if (trackRevisions && expectRevision != null && expectRevision != next.revision()) {
      return fail(why, "response revision " + expectRevision + " but the store is at revision " + next.revision());
    }
    return next.equals(state) ? state : next;
  }

  private static EtcdState fail(StringBuilder why, String reason) {
    if (why != null) {
      why.append(reason);
    }
    return null;
  }

  /** etcd's compare rules, including those for absent keys. */
  static boolean holds(EtcdState state, Compare c) {
    KeyValue kv = state.get(c.key());
    if (c.target().equals("value")) {
      return kv != null && compare(kv.value(), c.value(), c.result());
    }
    long actual = kv == null ? 0 : switch (c.target()) {
      case "version" -> kv.version();
      case "create_revision" -> kv.createRevision();
      default -> kv.modRevision();
    };
    return compare(actual, c.value(), c.result());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean compare(Object actual, Object expected, String result) {
    if (result.equals("=") || result.equals("!=")) {
      return Objects.equals(actual, expected) == result.equals("=");
    }
    int cmp;
    if (actual instanceof Comparable a && expected != null && a.getClass() == expected.getClass()) {
      cmp = a.compareTo(expected);
    } else {
      cmp = String.valueOf(actual).compareTo(String.valueOf(expected)); // etcd compares bytes
    }
    return result.equals("<") ? cmp < 0 : cmp > 0;
  }

  /** A transaction in progress: reads see earlier writes; all writes share one new revision. */
  private final class Work {
    private final EtcdState before;
    private Map<Object, Object> writes = Map.of();

    Work(EtcdState before) {
      this.before = before;
    }

    boolean run(EtcdCall sub, Object result, Operation op, StringBuilder why) {
      if (sub instanceof Put p) {
        write(p.key(), p.value());
        return true;
      }
      if (sub instanceof Delete d) {
        boolean present = current(d.key()) != null;
        if (present) {
          write(d.key(), EtcdState.DELETE);
        }
        long deleted = present ? 1 : 0;
        if (d.expectDeleted() != null && d.expectDeleted() != deleted) {
          return fail(why, "delete of " + Values.show(d.key()) + " recorded deleted=" + d.expectDeleted()
              + " but " + deleted + " key was present in " + before) != null;
        }
        return true;
      }
      Get g = (Get) sub;
      GetExpect e = result != null || g.expect() == GetExpect.NOTHING ? expectFrom(op, result) : g.expect();
      return checkGet(g.key(), e, why);
    }

    /** A txn's recorded response to one of its gets, decoded as a get's (its own invoke, or it decodes as the txn). */
    private GetExpect expectFrom(Operation op, Object result) {
      if (result == null) {
        return GetExpect.NOTHING;
      }
      io.plumbline.history.Op invoke = new io.plumbline.history.Op(0, op.process(),
          io.plumbline.history.OpType.INVOKE, "get", null, null, null, null, Map.of());
      io.plumbline.history.Op done = new io.plumbline.history.Op(0, op.process(), io.plumbline.history.OpType.OK,
          "get", result, null, null, null, Map.of());
      return ((Get) EtcdCall.decode(new Operation(op.id(), invoke, done, Operation.Outcome.OK))).expect();
    }

    private boolean checkGet(Object key, GetExpect e, StringBuilder why) {
      KeyValue kv = current(key);
      String k = Values.show(key);
      if (e.checkValue() && !Objects.equals(kv == null ? null : kv.value(), e.value())) {
        return fail(why, "can't read " + (e.value() == null ? "absent" : Values.show(e.value())) + " from key " + k
            + " holding " + (kv == null ? "nothing (absent)" : Values.show(kv.value()))) != null;
      }
      if (e.version() != null && e.version() != (kv == null ? 0 : kv.version())) {
        return fail(why, "key " + k + " has version " + (kv == null ? 0 : kv.version()) + ", not " + e.version()) != null;
      }
      if (trackRevisions && e.modRevision() != null && e.modRevision() != (kv == null ? 0 : kv.modRevision())) {
        return fail(why, "key " + k + " has mod_revision " + (kv == null ? 0 : kv.modRevision()) + ", not " + e.modRevision()) != null;
      }
      if (trackRevisions && e.createRevision() != null && e.createRevision() != (kv == null ? 0 : kv.createRevision())) {
        return fail(why, "key " + k + " has create_revision " + (kv == null ? 0 : kv.createRevision()) + ", not " + e.createRevision()) != null;
      }
      if (trackRevisions && e.revision() != null && e.revision() != before.revision()) {
        return fail(why, "get reports revision " + e.revision() + " but the store is at " + before.revision()) != null;
      }
      return true;
    }

    private void write(Object key, Object value) {
      if (writes.isEmpty()) {
        writes = new LinkedHashMap<>(4);
      }
      writes.put(key, value);
    }

    /** The key as this transaction sees it so far. */
    private KeyValue current(Object key) {
      if (!writes.containsKey(key)) {
        return before.get(key);
      }
      Object v = writes.get(key);
      if (v == EtcdState.DELETE) {
        return null;
      }
      KeyValue old = before.get(key);
      long rev = before.revision() + 1;
      return old == null ? new KeyValue(v, 1, rev, rev) : new KeyValue(v, old.version() + 1, old.createRevision(), rev);
    }

    EtcdState finish() {
      return writes.isEmpty() ? before : before.write(writes, trackRevisions, trackVersions);
    }
  }
}
