package io.plumbline.store.mvcc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * etcd's MVCC key space the slow, obvious way, for {@link MvccAgreesWithReferenceTest}: every
 * version of every key is kept for ever, the key space at a revision is found by scanning, and a
 * key belongs to the lease its live version names (no attach/detach bookkeeping). Keys and values
 * are strings; the store starts at revision 1.
 */
final class MvccReference {
  /** A live version as etcd's KeyValue; a deletion is a null version. */
  record Kv(String key, String value, long create, long mod, long version, long lease) {}

  /** One event of a revision: {@code kv} null for a delete. */
  record Ev(String key, Kv kv, Kv prev) {}

  private final TreeMap<String, TreeMap<Long, Kv>> versions = new TreeMap<>(); // key -> revision -> kv or null
  final TreeMap<Long, List<Ev>> events = new TreeMap<>();
  long revision = 1;
  long compacted = 0;

  /** The live version of {@code key} at revision {@code rev}, or null. */
  Kv at(String key, long rev) {
    TreeMap<Long, Kv> v = versions.get(key);
    Map.Entry<Long, Kv> e = v == null ? null : v.floorEntry(rev);
    return e == null ? null : e.getValue();
  }

  /** Live versions in [from, to) at {@code rev}, in key order ({@code to} null: the single key). */
  List<Kv> live(String from, String to, long rev) {
    List<Kv> out = new ArrayList<>();
    for (String k : versions.keySet()) {
      if (to == null ? k.equals(from) : k.compareTo(from) >= 0 && k.compareTo(to) < 0) {
        Kv kv = at(k, rev);
        if (kv != null) {
          out.add(kv);
        }
      }
    }
    return out;
  }

  /** One write transaction: puts (value non-null, with lease) and deletes; a new revision iff something changed. */
  void apply(List<String[]> writes) {
    long rev = revision + 1;
    List<Ev> evs = new ArrayList<>();
    TreeMap<String, Kv> now = new TreeMap<>();
    for (String[] w : writes) { // {key, value or null, lease}
      Kv prev = now.containsKey(w[0]) ? now.get(w[0]) : at(w[0], revision);
      if (w[1] == null) {
        if (prev != null) {
          evs.add(new Ev(w[0], null, prev));
          now.put(w[0], null);
        }
        continue;
      }
      Kv kv = new Kv(w[0], w[1], prev == null ? rev : prev.create(), rev, prev == null ? 1 : prev.version() + 1,
          Long.parseLong(w[2]));
      evs.add(new Ev(w[0], kv, prev));
      now.put(w[0], kv);
    }
    if (evs.isEmpty()) {
      return;
    }
    revision = rev;
    now.forEach((k, kv) -> versions.computeIfAbsent(k, x -> new TreeMap<>()).put(rev, kv));
    events.put(rev, evs);
  }

  /** Keys whose live version names {@code lease}. */
  List<String> attached(long lease) {
    List<String> out = new ArrayList<>();
    for (String k : versions.keySet()) {
      Kv kv = at(k, revision);
      if (kv != null && kv.lease() == lease) {
        out.add(k);
      }
    }
    return out;
  }
}
