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
    return "a watch from a compacted revision fails with the compact revision; one from the compact revision itself does not";
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
      atTheCompactRevision(s, now, ev, problems);
      return Verdict.of("cancelled with compact revision " + now + "; a watch from " + now + " itself gets its event",
          problems, ev);
    }
  }

  /** The compact revision itself stays readable: a watch from it is not cancelled and delivers its event (etcd: rev >= compactRev). */
  private static void atTheCompactRevision(Session s, long now, List<String> ev, List<String> problems) throws Exception {
    try (WatchRecorder w = new WatchRecorder(s.client(), s.key("watch-compact/k"),
        WatchOption.builder().withRevision(now).build())) {
      boolean got = w.awaitRevision(now, s.options().callTimeout());
      ev.add("watch from " + now + " -> " + (got ? "" : "no event at " + now + " within "
          + s.options().callTimeout().toMillis() + " ms; ") + "error " + w.error() + "; events " + w.events());
      if (w.error() instanceof CompactedException) {
        problems.add("the watch from the compact revision " + now + " itself was cancelled as compacted");
      } else if (w.events().isEmpty() || w.events().get(0).modRevision() != now) {
        problems.add("the watch from the compact revision " + now + " did not deliver the put at " + now
            + " first: " + w.events());
      }
    }
  }
}
