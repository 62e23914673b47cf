package io.plumbline.conformance.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Pure verifier for etcd's revision rules: the store revision starts at 1 and rises by exactly one
 * per write transaction, never moving back. Given the revision before a series of writes, the
 * writes' responses, and every revision a whole-keyspace watch saw between, it finds skipped
 * revisions, revisions going back, and writes whose revision the watch never saw.
 */
public final class RevisionSequence {
  private RevisionSequence() {}

  /**
   * @param before store revision read before the first write
   * @param writes the writes, in the order they were made (one at a time)
   * @param watched revisions of the events a watch over the whole keyspace delivered from {@code
   *     before + 1}, in arrival order (one entry per event)
   * @return problems found, empty when the rules held
   */
  public static List<String> verify(long before, List<WriteObservation> writes, List<Long> watched) {
    List<String> problems = new ArrayList<>();
    long previous = before;
    long last = before;
    for (WriteObservation w : writes) {
      if (w.headerRevision() < previous) {
        problems.add("revision went back: " + w.description() + " answered revision " + w.headerRevision()
            + " after revision " + previous);
      } else if (w.changesStore() && w.headerRevision() == previous) {
        problems.add(w.description() + " changed the store but answered the old revision " + previous);
      }
      previous = Math.max(previous, w.headerRevision());
      last = Math.max(last, w.headerRevision());
    }
    long prevWatched = before;
    for (long r : watched) {
      if (r < prevWatched) {
        problems.add("watch delivered revision " + r + " after revision " + prevWatched);
      }
      prevWatched = Math.max(prevWatched, r);
    }
    TreeSet<Long> seen = new TreeSet<>(watched);
    for (long r = before + 1; r <= last; r++) {
      if (!seen.contains(r)) {
        problems.add("revision " + r + " was skipped: no write transaction produced it (revisions " + before
            + ".." + last + " must be contiguous)");
      }
    }
    for (WriteObservation w : writes) {
      if (w.changesStore() && !seen.contains(w.headerRevision())) {
        problems.add(w.description() + " at revision " + w.headerRevision() + " never appeared in the watch");
      }
    }
    return problems;
  }
}
