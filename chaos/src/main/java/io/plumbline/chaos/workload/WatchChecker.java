package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * etcd's watch guarantees for one watcher against the reference event log (a fresh watch from
 * revision 1 after the heal): ordered (revisions never go back), unique (no event twice), and
 * reliable and resumable (the events equal the reference, with no gap, across every resumption).
 */
final class WatchChecker {
  private WatchChecker() {}

  /** Problems of one watcher's events; empty when every guarantee holds. */
  static List<String> problems(String watcher, List<WatchEventRecord> seen, List<WatchEventRecord> reference) {
    List<String> out = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    for (int i = 0; i < seen.size(); i++) {
      WatchEventRecord e = seen.get(i);
      if (i > 0 && e.revision() < seen.get(i - 1).revision()) {
        out.add(watcher + " ordered: " + e + " after " + seen.get(i - 1));
      }
      if (!unique.add(e.revision() + "/" + e.key())) {
        out.add(watcher + " unique: " + e + " delivered twice");
      }
    }
    int n = Math.min(seen.size(), reference.size());
    for (int i = 0; i < n; i++) {
      if (!seen.get(i).equals(reference.get(i))) {
        out.add(watcher + " reliable: event " + i + " is " + seen.get(i) + ", expected " + reference.get(i)
            + (seen.get(i).revision() > reference.get(i).revision() ? " (a gap: events were skipped)" : ""));
        return out;
      }
    }
    if (seen.size() < reference.size()) {
      out.add(watcher + " reliable: stopped after " + seen.size() + " of " + reference.size() + " events; next missing "
          + reference.get(seen.size()));
    } else if (seen.size() > reference.size()) {
      out.add(watcher + " reliable: " + (seen.size() - reference.size()) + " events not in the reference, first "
          + seen.get(reference.size()));
    }
    return out;
  }

  static Workload.Verdict verdict(List<String> problems, int watchers, int events, int resumptions) {
    String summary = (problems.isEmpty() ? "valid: " : "invalid: " + problems.size() + " problem(s); ") + watchers
        + " watchers each saw all " + events + " events in order" + (problems.isEmpty() ? "" : " (not all)")
        + ", " + resumptions + " resumptions";
    return new Workload.Verdict("watch guarantees", problems.isEmpty() ? Validity.TRUE : Validity.FALSE, summary,
        problems.isEmpty() ? "" : String.join("\n", problems) + "\n");
  }
}
