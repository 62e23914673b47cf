package io.plumbline.conformance.kv;

import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import io.plumbline.conformance.CallError;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * After compaction at revision C, a read below C fails with OUT_OF_RANGE "mvcc: required revision
 * has been compacted"; a read at C still works; a read above the current revision fails with
 * OUT_OF_RANGE "mvcc: required revision is a future revision". Compaction is global: on a shared
 * store it also drops other clients' history older than C (the revision this run wrote at).
 */
final class Compaction implements Check {
  @Override
  public String name() {
    return "compaction";
  }

  @Override
  public String description() {
    return "reads below a compacted revision and above the current one fail with the documented errors";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> problems = new ArrayList<>();
    List<String> ev = new ArrayList<>();
    long old = s.await("put", s.kv().put(s.key("kv/compact/k"), Session.bytes("1"))).getHeader().getRevision();
    long kept = s.await("put", s.kv().put(s.key("kv/compact/k"), Session.bytes("2"))).getHeader().getRevision();
    ev.add("put ~/kv/compact/k=1 -> revision " + old + ", =2 -> revision " + kept);
    s.await("compact", s.kv().compact(kept, CompactOption.builder().withCompactPhysical(true).build()));
    ev.add("compact " + kept + " (physical) -> ok");
    expectError(s, old, "compacted", problems, ev);
    GetResponse at = s.await("get", s.kv().get(s.key("kv/compact/k"), GetOption.builder().withRevision(kept).build()));
    String v = at.getKvs().isEmpty() ? null : Session.text(at.getKvs().get(0).getValue());
    ev.add("get ~/kv/compact/k at " + kept + " -> " + v);
    if (!"2".equals(v)) {
      problems.add("read at the compaction revision " + kept + " returned " + v + ", expected 2");
    }
    expectError(s, s.currentRevision() + 1_000_000, "future revision", problems, ev); // far ahead of any other writer
    return Verdict.of("compacted and future revisions rejected with OUT_OF_RANGE", problems, ev)
        .withReference("https://etcd.io/docs/v3.4/learning/api/#range (revision), mvcc/kvstore.go ErrCompacted/ErrFutureRev");
  }

  private static void expectError(Session s, long rev, String message, List<String> problems, List<String> ev)
      throws Exception {
    try {
      GetResponse r = s.await("get", s.kv().get(s.key("kv/compact/k"), GetOption.builder().withRevision(rev).build()));
      ev.add("get ~/kv/compact/k at " + rev + " -> " + r.getKvs().size() + " keys");
      problems.add("read at revision " + rev + " succeeded; expected OUT_OF_RANGE (" + message + ")");
    } catch (CallError e) {
      ev.add("get ~/kv/compact/k at " + rev + " -> " + e.error());
      if (!e.error().code().equals("OUT_OF_RANGE") || e.error().message() == null
          || !e.error().message().contains(message)) {
        problems.add("read at revision " + rev + " failed with " + e.error() + "; expected OUT_OF_RANGE (" + message + ")");
      }
    }
  }
}
