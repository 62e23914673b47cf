package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * etcd's watch guarantees for one watcher against the reference event log (a fresh watch from
 * revision 1 after the heal): ordered (revisions never go back), unique (no event twice), atomic
 * (all events of one revision in one response), and reliable and resumable (the events equal the
 * reference, with no gap, across every resumption).
 */
final class WatchChecker {
  private WatchChecker() {}

  /** Problems of one watcher's events; empty when every guarantee holds. */
  static List<String> problems(String watcher, List<WatchEventRecord> seen, List<WatchEventRecord> reference) {
    List<String> out = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    Map<Long, Integer> responseOfRevision = new HashMap<>();
    for (int i = 0; i < seen.size(); i++) {
      WatchEventRecord e = seen.get(i);
      if (i > 0 && e.revision() < seen.get(i - 1).revision()) {
        out.add(watcher + " ordered: " + e + " after " + seen.get(i - 1));
      }
      if (!unique.add(e.revision() + "/" + e.key())) {
        out.add(watcher + " unique: " + e + " delivered twice");
      }
      Integer first = responseOfRevision.putIfAbsent(e.revision(), e.response());
      if (first != null && first != e.response()) {
        out.add(watcher + " atomic: revision " + e.revision() + " split over responses " + first + " and " + e.response());
      }
    }
    out.addAll(reliability(watcher, seen, reference));
    return out;
  }

  /** The events must be exactly the reference's: same order, nothing skipped, nothing extra. */
  private static List<String> reliability(String watcher, List<WatchEventRecord> seen, List<WatchEventRecord> reference) {
    int n = Math.min(seen.size(), reference.size());
    for (int i = 0; i < n; i++) {
      if (!seen.get(i).sameEvent(reference.get(i))) {
        return List.of(watcher + " reliable: event " + i + " is " + seen.get(i) + ", expected " + reference.get(i)
            + (seen.get(i).revision() > reference.get(i).revision() ? " (a gap: events were skipped)" : ""));
      }
    }
    if (seen.size() < reference.size()) {
      return List.of(watcher + " reliable: stopped after " + seen.size() + " of " + reference.size()
          + " events; next missing " + reference.get(seen.size()));
    }
    if (seen.size() > reference.size()) {
      return List.of(watcher + " reliable: " + (seen.size() - reference.size()) + " events not in the reference, first "
          + seen.get(reference.size()));
    }
    return List.of();
  }

  static Workload.Verdict verdict(List<String> problems, int watchers, int events, int resumptions) {
    String summary = (problems.isEmpty() ? "valid: " : "invalid: " + problems.size() + " problem(s); ") + watchers
        + " watchers each saw all " + events + " events in order" + (problems.isEmpty() ? "" : " (not all)")
        + ", " + resumptions + " resumptions";
    return new Workload.Verdict("watch guarantees", problems.isEmpty() ? Validity.TRUE : Validity.FALSE, summary,
        problems.isEmpty() ? "" : String.join("\n", problems) + "\n");
  }
}
