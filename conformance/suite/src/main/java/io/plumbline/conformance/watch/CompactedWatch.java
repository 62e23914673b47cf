package io.plumbline.conformance.watch;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.WatchOption;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A watch from a compacted revision is cancelled with the compact revision (jetcd surfaces it as a
 * {@link CompactedException}) instead of silently starting later. Compacts the store: runs last.
 */
final class CompactedWatch implements Check {
  @Override
  public String name() {
    return "compacted-revision-error";
  }

  @Override
  public String description() {
    return "a watch from a compacted revision fails with the compact revision";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    long old = s.await("put", s.kv().put(s.key("watch-compact/k"), Session.bytes("1"))).getHeader().getRevision();
    long now = s.await("put", s.kv().put(s.key("watch-compact/k"), Session.bytes("2"))).getHeader().getRevision();
    s.await("compact", s.kv().compact(now, CompactOption.builder().withCompactPhysical(true).build()));
    ev.add("put ~/watch-compact/k at " + old + " and " + now + ", compact " + now);
    try (WatchRecorder w = new WatchRecorder(s.client(), s.key("watch-compact/k"),
        WatchOption.builder().withRevision(old).build())) {
      boolean ended = w.awaitError(s.options().callTimeout());
      Throwable err = w.error();
      ev.add("watch from " + old + " -> " + (ended ? String.valueOf(err) : "no error within "
          + s.options().callTimeout().toMillis() + " ms") + "; events " + w.events());
      List<String> problems = new ArrayList<>();
      if (!(err instanceof CompactedException c)) {
        problems.add("watch from compacted revision " + old + " was not cancelled with a compaction error");
      } else if (c.getCompactedRevision() != now) {
        problems.add("the compaction error names revision " + c.getCompactedRevision() + ", not " + now);
      }
      if (!w.events().isEmpty()) {
        problems.add("the watch from a compacted revision delivered events " + w.events());
      }
      return Verdict.of("cancelled with compact revision " + now, problems, ev);
    }
  }
}
