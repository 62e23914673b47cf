package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * etcd's watch guarantees for each watcher, judged against the writes the clients recorded
 * ({@link WatchWrite}: acknowledged writes with the revisions the store returned, and indeterminate
 * ones), never against another watch served by the store under test (a store that drops events
 * would drop them from that one too).
 *
 * <p>Per watcher: ordered (revisions never go back), unique (no revision/key twice), atomic (all
 * events of one revision in one response, and every key of a txn), no phantom (each event is a
 * client's write, at the revision it was acknowledged at), reliable (every acknowledged write up to
 * the last acknowledged revision arrives, except revisions the store reported compacted to this
 * watcher: a compacted cancel is legitimate, a silent gap is not; but a compaction to a revision
 * that cannot exist yet, beyond the last known one plus one per indeterminate write, is a lie that
 * would excuse everything). One revision is one write: an event at a revision the store
 * acknowledged another write at is a phantom. Across watchers: an
 * indeterminate write seen by several watchers has one revision, and revisions have no holes (the
 * watch workload is the store's only writer, so every revision is one of its writes).
 */
final class WatchChecker {
  /** Fewer acknowledged writes than this is too little evidence for "valid". */
  static final int MIN_ACKNOWLEDGED_WRITES = 50;
  private static final int EXAMPLES = 3;

  private WatchChecker() {}

  /**
   * Problems of one watcher; empty when every guarantee holds.
   *
   * @param compacted revision ranges {@code [from, to]} the store told this watcher were compacted
   * @param mustReach the last acknowledged revision: every acknowledged write up to it must arrive
   */
  static List<String> problems(String watcher, List<WatchEventRecord> seen, List<WatchWrite> writes,
      List<long[]> compacted, long mustReach) {
    Map<String, WatchWrite> byValue = byValue(writes);
    Map<Long, String> acknowledgedAt = new HashMap<>();
    writes.stream().filter(WatchWrite::acknowledged).forEach(w -> acknowledgedAt.put(w.revision(), w.value()));
    List<String> out = new ArrayList<>();
    Set<String> delivered = new HashSet<>();
    Map<Long, Integer> responseOfRevision = new HashMap<>();
    for (int i = 0; i < seen.size(); i++) {
      WatchEventRecord e = seen.get(i);
      if (i > 0 && e.revision() < seen.get(i - 1).revision()) {
        out.add(watcher + " ordered: " + e + " after " + seen.get(i - 1));
      }
      if (!delivered.add(e.revision() + "/" + e.key())) {
        out.add(watcher + " unique: " + e + " delivered twice");
      }
      Integer first = responseOfRevision.putIfAbsent(e.revision(), e.response());
      if (first != null && first != e.response()) {
        out.add(watcher + " atomic: revision " + e.revision() + " split over responses " + first + " and " + e.response());
      }
      WatchWrite w = byValue.get(e.value());
      if (w == null || !w.keys().contains(e.key())) {
        out.add(watcher + " phantom: " + e + " was written by no client");
      } else if (w.acknowledged() && w.revision() != e.revision()) {
        out.add(watcher + " phantom: " + e + " but the store acknowledged that write at rev " + w.revision());
      } else if (acknowledgedAt.containsKey(e.revision()) && !acknowledgedAt.get(e.revision()).equals(e.value())) {
        out.add(watcher + " atomic: " + e + " but the store acknowledged another write at rev " + e.revision()
            + " (=" + acknowledgedAt.get(e.revision()) + "): one revision, two writes");
      }
    }
    long canExist = Math.max(mustReach, seen.stream().mapToLong(WatchEventRecord::revision).max().orElse(0))
        + writes.stream().filter(w -> !w.acknowledged()).count();
    for (long[] range : compacted) {
      if (range[1] + 1 > canExist) {
        out.add(watcher + " compacted: the store reported revisions " + range[0] + ".." + range[1] + " compacted (to"
            + " rev " + (range[1] + 1) + "), but at most rev " + canExist + " can exist (the last known one plus one"
            + " per indeterminate write)");
      }
    }
    out.addAll(missing(watcher, delivered, writes, compacted, mustReach));
    return out;
  }

  /** Acknowledged events the watcher never got, and txns it got only part of. */
  private static List<String> missing(String watcher, Set<String> delivered, List<WatchWrite> writes,
      List<long[]> compacted, long mustReach) {
    List<String> lost = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (WatchWrite w : writes) {
      if (!w.acknowledged() || w.revision() > mustReach || excused(w.revision(), compacted)) {
        continue;
      }
      int got = 0;
      for (String k : w.keys()) {
        if (delivered.contains(w.revision() + "/" + k)) {
          got++;
        } else {
          lost.add("rev " + w.revision() + " " + k + "=" + w.value());
        }
      }
      if (got > 0 && got < w.keys().size()) {
        partial.add(w.toString());
      }
    }
    List<String> out = new ArrayList<>();
    if (!lost.isEmpty()) {
      out.add(watcher + " reliable: " + lost.size() + " acknowledged event(s) up to rev " + mustReach
          + " never delivered (a silent gap), e.g. " + lost.subList(0, Math.min(EXAMPLES, lost.size())));
    }
    if (!partial.isEmpty()) {
      out.add(watcher + " atomic: " + partial.size() + " txn(s) delivered in part, e.g. "
          + partial.subList(0, Math.min(EXAMPLES, partial.size())));
    }
    return out;
  }

  /**
   * Problems across watchers: one indeterminate write seen at two revisions, and revisions between
   * the first and the last that no watcher saw and no client was acknowledged at (a hole).
   */
  static List<String> acrossWatchers(Map<String, List<WatchEventRecord>> seenBy, List<WatchWrite> writes) {
    List<String> out = new ArrayList<>();
    Map<String, Long> revisionOfValue = new HashMap<>();
    TreeSet<Long> revisions = new TreeSet<>();
    writes.stream().filter(WatchWrite::acknowledged).forEach(w -> revisions.add(w.revision()));
    seenBy.forEach((watcher, events) -> {
      for (WatchEventRecord e : events) {
        revisions.add(e.revision());
        Long before = revisionOfValue.putIfAbsent(e.value(), e.revision());
        if (before != null && before != e.revision()) {
          out.add(watcher + " agreement: " + e + " but another watcher saw that value at rev " + before);
        }
      }
    });
    List<Long> holes = new ArrayList<>();
    Long prev = null;
    for (long r : revisions) {
      for (long h = prev == null ? r : prev + 1; h < r; h++) {
        holes.add(h);
      }
      prev = r;
    }
    if (!holes.isEmpty()) {
      out.add("contiguous: " + holes.size() + " revision(s) with no event at any watcher and no acknowledged write"
          + " (the store skipped them, or lost their events everywhere), e.g. "
          + holes.subList(0, Math.min(EXAMPLES, holes.size())));
    }
    return out;
  }

  /**
   * What the history proves about {@code watcher}'s compacted cancels. etcd cancels a watch for
   * compaction only when it starts below the compact revision; the compact revision existed when
   * the cancel came, so it is at most the highest revision acknowledged to a write invoked before
   * then plus one per indeterminate write invoked before then (the workload is the only writer);
   * and compaction is for good, so a stream opened after the cancel from below the compact revision
   * (by any watcher) that delivers an event below it proves the compaction a lie.
   */
  static List<String> compactions(String watcher, List<Watcher.Compaction> compactions, List<WatchWrite> writes,
      Map<String, List<Watcher.Opened>> streamsBy, Map<String, List<WatchEventRecord>> seenBy) {
    List<String> out = new ArrayList<>();
    for (Watcher.Compaction c : compactions) {
      long cRev = c.compactRevision();
      if (c.from() >= cRev) {
        out.add(watcher + " compacted: a cancel at compact revision " + cRev + " for a watch that had everything"
            + " below " + c.from() + ": etcd cancels only a watch that starts below its compact revision");
      }
      if (c.receivedNanos() == null) {
        continue;
      }
      long cap = revisionsBy(c.receivedNanos(), writes);
      if (cRev > cap) {
        out.add(String.format("%s compacted: the store reported compaction to rev %d at %.3f s, but by then at most"
            + " rev %d existed (the highest acknowledged to a write invoked before, plus one per indeterminate one)",
            watcher, cRev, c.receivedNanos() / 1e9, cap));
      }
      streamsBy.forEach((other, streams) -> {
        for (int i = 0; i < streams.size(); i++) {
          Watcher.Opened s = streams.get(i);
          if (s.openedNanos() == null || s.openedNanos() <= c.receivedNanos() || s.startRevision() >= cRev) {
            continue;
          }
          int until = i + 1 < streams.size() ? streams.get(i + 1).firstResponse() : Integer.MAX_VALUE;
          seenBy.getOrDefault(other, List.of()).stream()
              .filter(e -> e.response() >= s.firstResponse() && e.response() < until && e.revision() < cRev)
              .findFirst().ifPresent(e -> out.add(String.format("%s compacted: the store reported compaction to rev"
                  + " %d at %.3f s, yet %s's watch opened at %.3f s from rev %d delivered %s: compaction is for good",
                  watcher, cRev, c.receivedNanos() / 1e9, other, s.openedNanos() / 1e9, s.startRevision(), e)));
        }
      });
    }
    return out;
  }

  /** The highest revision that can exist at {@code nanos}: acknowledged to a write invoked before, plus the indeterminate ones invoked before. */
  private static long revisionsBy(long nanos, List<WatchWrite> writes) {
    long base = writes.stream().filter(WatchWrite::acknowledged).mapToLong(WatchWrite::revision).min().orElse(1) - 1;
    long max = base;
    long maybe = 0;
    for (WatchWrite w : writes) {
      if (w.invokedNanos() != null && w.invokedNanos() >= nanos) {
        continue;
      }
      if (w.acknowledged()) {
        max = Math.max(max, w.revision());
      } else {
        maybe++;
      }
    }
    return max + maybe;
  }

  private static boolean excused(long revision, List<long[]> compacted) {
    for (long[] range : compacted) {
      if (revision >= range[0] && revision <= range[1]) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, WatchWrite> byValue(List<WatchWrite> writes) {
    Map<String, WatchWrite> m = new HashMap<>();
    for (WatchWrite w : writes) {
      m.merge(w.value(), w, (a, b) -> a.acknowledged() ? a : b); // values are unique random longs
    }
    return m;
  }

  /**
   * The client write a problem line names (by its value, unique per write), as a failure for the
   * report; null when the line names none (e.g. a hole in the revisions).
   */
  static io.plumbline.checker.Failure blamedWrite(History history, String problem) {
    return BadOp.first(history, op -> op.isDefinite() && !op.f().equals("read") && op.input() != null
        && java.util.stream.Stream.of(",", "]", " ").anyMatch(end -> problem.contains("=" + op.input() + end)),
        problem);
  }

  /** The verdict; unknown when the clients were acknowledged too few writes to judge anything. */
  static Workload.Verdict verdict(List<String> problems, int watchers, List<WatchWrite> writes, int resumptions) {
    long acked = writes.stream().filter(WatchWrite::acknowledged).count();
    long events = writes.stream().filter(WatchWrite::acknowledged).mapToLong(w -> w.keys().size()).sum();
    String counts = watchers + " watchers, " + acked + " acknowledged writes (" + events + " events), "
        + (writes.size() - acked) + " indeterminate, " + resumptions + " resumptions";
    if (!problems.isEmpty()) {
      return new Workload.Verdict("watch guarantees", Validity.FALSE, "invalid: " + problems.size() + " problem(s); "
          + counts, String.join("\n", problems) + "\n");
    }
    if (watchers == 0 || acked < MIN_ACKNOWLEDGED_WRITES) {
      return new Workload.Verdict("watch guarantees", Validity.UNKNOWN, "unknown: too little evidence (at least "
          + MIN_ACKNOWLEDGED_WRITES + " acknowledged writes and one watcher needed); " + counts, "");
    }
    return new Workload.Verdict("watch guarantees", Validity.TRUE, "valid: every watcher saw every acknowledged event"
        + " in order; " + counts, "");
  }
}
