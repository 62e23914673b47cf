package io.plumbline.conformance.kv;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A put with prev_kv returns the key-value it replaced (value, create and mod revision, version), and
 * nothing when it created the key, also after a delete; a put without prev_kv returns none.
 */
final class PutPrevKv implements Check {
  private static final String KEY = "kv/put-prev/k";

  @Override
  public String name() {
    return "put-prev-kv";
  }

  @Override
  public String description() {
    return "put with prev_kv returns the replaced key-value, none on creation";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> problems = new ArrayList<>();
    List<String> ev = new ArrayList<>();
    long r1 = put(s, "v1", true, null, problems, ev);
    long r2 = put(s, "v2", true, "v1 create " + r1 + " mod " + r1 + " version 1", problems, ev);
    long r3 = put(s, "v3", false, null, problems, ev);
    put(s, "v4", true, "v3 create " + r1 + " mod " + r3 + " version 3", problems, ev);
    s.await("delete", s.kv().delete(s.key(KEY)));
    ev.add("delete ~/" + KEY);
    put(s, "v5", true, null, problems, ev);
    if (r2 <= r1 || r3 <= r2) {
      problems.add("put revisions " + r1 + ", " + r2 + ", " + r3 + " do not rise");
    }
    return Verdict.of("prev_kv is the replaced version, none on creation or when not asked", problems, ev);
  }

  /** Puts {@code value}; {@code expected} is the prev_kv it must return ("VALUE create C mod M version V"), or null for none. */
  private static long put(Session s, String value, boolean prevKv, String expected, List<String> problems,
      List<String> ev) throws Exception {
    PutOption option = prevKv ? PutOption.builder().withPrevKV().build() : PutOption.DEFAULT;
    PutResponse r = s.await("put", s.kv().put(s.key(KEY), Session.bytes(value), option));
    String got = r.hasPrevKv() ? describe(r.getPrevKv()) : null;
    String what = "put ~/" + KEY + "=" + value + (prevKv ? " with prev_kv" : "");
    ev.add(what + " -> revision " + r.getHeader().getRevision() + ", prev_kv " + (got == null ? "none" : got));
    if (got == null ? expected != null : !got.equals(expected)) {
      problems.add(what + " -> prev_kv " + (got == null ? "none" : got) + "; expected "
          + (expected == null ? "none" : expected));
    }
    return r.getHeader().getRevision();
  }

  private static String describe(KeyValue kv) {
    return Session.text(kv.getValue()) + " create " + kv.getCreateRevision() + " mod " + kv.getModRevision()
        + " version " + kv.getVersion();
  }
}
