package io.plumbline.conformance.kv;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.GetOption.SortOrder;
import io.etcd.jetcd.options.GetOption.SortTarget;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Range per etcd's API reference: prefix, explicit [key, range_end), limit with {@code more} and
 * the full {@code count}, sort by key, mod revision and value (the whole range sorted, then limited),
 * count-only, keys-only, and a read at a past revision that sees the old value and not keys created later.
 */
final class RangeOptions implements Check {
  /** Written in this order, so key, mod-revision and value orders all differ. */
  private static final String[][] WRITES = {{"c", "3"}, {"a", "5"}, {"e", "1"}, {"b", "4"}, {"d", "2"}};

  @Override
  public String name() {
    return "range-options";
  }

  @Override
  public String description() {
    return "range with prefix, range end, limit, sort, count, keys-only and at a past revision";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> problems = new ArrayList<>();
    List<String> ev = new ArrayList<>();
    for (String[] w : WRITES) {
      s.await("put", s.kv().put(s.key("kv/range/" + w[0]), Session.bytes(w[1])));
      ev.add("put ~/kv/range/" + w[0] + "=" + w[1]);
    }
    long past = s.currentRevision();
    expect(s, "prefix", prefix(), "a=5 b=4 c=3 d=2 e=1", 5, false, problems, ev);
    expect(s, "range [b, d)", GetOption.builder().withRange(s.key("kv/range/d")).build(), "b=4 c=3", 2, false,
        problems, ev);
    expect(s, "limit 2", prefix().withLimit(2).build(), "a=5 b=4", 5, true, problems, ev);
    expect(s, "sort key descend", prefix().withSortField(SortTarget.KEY).withSortOrder(SortOrder.DESCEND).build(),
        "e=1 d=2 c=3 b=4 a=5", 5, false, problems, ev);
    expect(s, "sort mod ascend", prefix().withSortField(SortTarget.MOD).withSortOrder(SortOrder.ASCEND).build(),
        "c=3 a=5 e=1 b=4 d=2", 5, false, problems, ev);
    expect(s, "sort value ascend", prefix().withSortField(SortTarget.VALUE).withSortOrder(SortOrder.ASCEND).build(),
        "e=1 d=2 c=3 b=4 a=5", 5, false, problems, ev);
    expect(s, "sort value ascend, limit 2", prefix().withSortField(SortTarget.VALUE).withSortOrder(SortOrder.ASCEND)
        .withLimit(2).build(), "e=1 d=2", 5, true, problems, ev); // sorted, then limited
    expect(s, "count only", prefix().withCountOnly(true).build(), "", 5, false, problems, ev);
    expect(s, "keys only", prefix().withKeysOnly(true).build(), "a= b= c= d= e=", 5, false, problems, ev);
    s.await("put", s.kv().put(s.key("kv/range/a"), Session.bytes("6")));
    s.await("put", s.kv().put(s.key("kv/range/f"), Session.bytes("7")));
    ev.add("put ~/kv/range/a=6, put ~/kv/range/f=7");
    expect(s, "at past revision " + past, prefix().withRevision(past).build(), "a=5 b=4 c=3 d=2 e=1", 5, false,
        problems, ev);
    expect(s, "now", prefix(), "a=6 b=4 c=3 d=2 e=1 f=7", 6, false, problems, ev);
    return Verdict.of("11 range variants returned the documented keys, order and counts", problems, ev);
  }

  private static GetOption.Builder prefix() {
    return GetOption.builder().isPrefix(true);
  }

  private static void expect(Session s, String what, GetOption.Builder option, String kvs, long count, boolean more,
      List<String> problems, List<String> ev) throws Exception {
    expect(s, what, option.build(), kvs, count, more, problems, ev);
  }

  private static void expect(Session s, String what, GetOption option, String kvs, long count, boolean more,
      List<String> problems, List<String> ev) throws Exception {
    GetResponse r = s.await("get " + what, s.kv().get(s.key("kv/range/" + (what.startsWith("range") ? "b" : "")),
        option));
    StringBuilder got = new StringBuilder();
    for (KeyValue kv : r.getKvs()) {
      String k = Session.text(kv.getKey());
      got.append(got.length() == 0 ? "" : " ").append(k.substring(k.lastIndexOf('/') + 1)).append('=')
          .append(Session.text(kv.getValue()));
    }
    String seen = "[" + got + "] count " + r.getCount() + (r.isMore() ? " more" : "");
    ev.add("get " + what + " -> " + seen);
    if (!got.toString().equals(kvs) || r.getCount() != count || r.isMore() != more) {
      problems.add("get " + what + " returned " + seen + "; expected [" + kvs + "] count " + count + (more ? " more" : ""));
    }
  }
}
