package io.plumbline.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The log as the core sees it: persisted entries in {@link RaftStorage} followed by the
 * unstable tail (appended but not yet persisted), plus a pending snapshot and the commit and
 * applied indexes. Mirrors etcd's raftLog/unstable pair.
 */
final class RaftLog {
  /** Marker for "no such entry" returned by {@link #termOrNone}. */
  static final long NO_TERM = -1;

  private final RaftStorage storage;
  /** Deliberate bugs (tests only; empty otherwise), see {@link InjectedBug}. */
  private final java.util.Set<InjectedBug> bugs;
  private Snapshot pendingSnapshot;
  private final ArrayList<Entry> unstable = new ArrayList<>();
  private long unstableOffset;
  long committed;
  long applied;
  /** Lowest index written (appended or overwritten) since the last {@link #takeWrittenFrom}; for traces. */
  private long writtenFrom = Long.MAX_VALUE;

  RaftLog(RaftStorage storage) {
    this(storage, java.util.Set.of());
  }

  RaftLog(RaftStorage storage, java.util.Set<InjectedBug> bugs) {
    this.storage = storage;
    this.bugs = bugs;
    this.unstableOffset = storage.lastIndex() + 1;
    // The state machine restarts from the snapshot, which may be newer than the compaction point.
    this.committed = Math.max(storage.firstIndex() - 1, storage.snapshot().index());
    this.applied = committed;
  }

  long firstIndex() {
    return pendingSnapshot != null ? pendingSnapshot.index() + 1 : storage.firstIndex();
  }

  long lastIndex() {
    if (!unstable.isEmpty()) {
      return unstableOffset + unstable.size() - 1;
    }
    return pendingSnapshot != null ? pendingSnapshot.index() : storage.lastIndex();
  }

  long lastTerm() {
    return term(lastIndex());
  }

  /** Term of entry {@code i}; throws {@link LogCompactedException} below the first index - 1. */
  long term(long i) {
    long t = termOrNone(i);
    if (t == NO_TERM) {
      throw new LogCompactedException(i, firstIndex());
    }
    return t;
  }

  /** Term of entry {@code i}, or {@link #NO_TERM} when compacted or beyond the last index. */
  long termOrNone(long i) {
    if (i < firstIndex() - 1 || i > lastIndex()) {
      return NO_TERM;
    }
    if (pendingSnapshot != null && i == pendingSnapshot.index()) {
      return pendingSnapshot.term();
    }
    if (i >= unstableOffset && !unstable.isEmpty()) {
      return unstable.get((int) (i - unstableOffset)).term();
    }
    try {
      return storage.term(i);
    } catch (LogCompactedException e) {
      return NO_TERM;
    }
  }

  boolean matchTerm(long i, long t) {
    return termOrNone(i) == t;
  }

  /** Whether a log ending at (lastIndex, lastTerm) is at least as up-to-date as ours (§5.4.1). */
  boolean isUpToDate(long lastIdx, long lastTrm) {
    long ourTerm = lastTerm();
    return lastTrm > ourTerm || (lastTrm == ourTerm && lastIdx >= lastIndex());
  }

  /**
   * Follower side of AppendEntries: if our entry at {@code prevIndex} has {@code prevTerm},
   * truncate the first conflicting suffix, append, and commit up to min(leaderCommit, last new).
   *
   * @return the index of the last new entry, or -1 on a log mismatch
   */
  long maybeAppend(long prevIndex, long prevTerm, long leaderCommit, List<Entry> ents) {
    boolean anyPrevTerm = has(InjectedBug.APPEND_WITHOUT_PREV_TERM_CHECK) && prevIndex <= lastIndex();
    if (!anyPrevTerm && !matchTerm(prevIndex, prevTerm)) {
      return -1;
    }
    long lastNew = prevIndex + ents.size();
    if (!ents.isEmpty() && prevIndex < committed && has(InjectedBug.TRUNCATE_COMMITTED)) {
      truncateCommittedAndAppend(ents);
      return lastNew;
    }
    long conflict = has(InjectedBug.TRUNCATE_WITHOUT_CONFLICT) && !ents.isEmpty()
        && prevIndex >= committed ? prevIndex + 1 : findConflict(ents);
    if (conflict != 0) {
      if (conflict <= committed) {
        throw new IllegalStateException("entry " + conflict + " conflicts with committed " + committed);
      }
      append(ents.subList((int) (conflict - prevIndex - 1), ents.size()));
    }
    commitTo(Math.min(leaderCommit, has(InjectedBug.COMMIT_BEYOND_LAST_NEW) ? lastIndex() : lastNew));
    return lastNew;
  }

  /** {@link InjectedBug#TRUNCATE_COMMITTED}: cut after {@code ents}, commit index lowered to fit. */
  private void truncateCommittedAndAppend(List<Entry> ents) {
    long saved = committed;
    committed = Math.min(committed, ents.get(0).index() - 1);
    append(ents);
    committed = Math.min(saved, lastIndex());
  }

  private boolean has(InjectedBug bug) {
    return !bugs.isEmpty() && bugs.contains(bug);
  }

  /** Index of the first entry whose term differs from ours (or that we lack); 0 if none. */
  long findConflict(List<Entry> ents) {
    for (Entry e : ents) {
      if (!matchTerm(e.index(), e.term())) {
        return e.index();
      }
    }
    return 0;
  }

  /**
   * etcd's fast back-off: the largest index at or below {@code index} whose term is at most
   * {@code term}, with that term. Lets a leader skip a whole conflicting term in one round trip.
   */
  long[] findConflictByTerm(long index, long term) {
    for (long i = index; i > 0; i--) {
      long t = termOrNone(i);
      if (t == NO_TERM) {
        return new long[] {i, 0};
      }
      if (t <= term) {
        return new long[] {i, t};
      }
    }
    return new long[] {0, 0};
  }

  /** Appends entries to the unstable tail, truncating whatever they overlap. */
  void append(List<Entry> ents) {
    if (ents.isEmpty()) {
      return;
    }
    long after = ents.get(0).index();
    if (after <= committed) {
      throw new IllegalStateException("append at " + after + " would overwrite committed " + committed);
    }
    writtenFrom = Math.min(writtenFrom, after);
    if (after == unstableOffset + unstable.size()) {
      unstable.addAll(ents);
    } else if (after <= unstableOffset) {
      unstableOffset = after;
      unstable.clear();
      unstable.addAll(ents);
    } else {
      unstable.subList((int) (after - unstableOffset), unstable.size()).clear();
      unstable.addAll(ents);
    }
  }

  /** Entries in [lo, lastIndex], at most {@code maxBytes} (at least one); compacted → throws. */
  List<Entry> entriesFrom(long lo, long maxBytes) {
    return slice(lo, lastIndex() + 1, maxBytes);
  }

  List<Entry> slice(long lo, long hi, long maxBytes) {
    if (lo < firstIndex()) {
      throw new LogCompactedException(lo, firstIndex());
    }
    if (lo >= hi) {
      return List.of();
    }
    List<Entry> out = new ArrayList<>();
    if (lo < unstableOffset) {
      out.addAll(storage.entries(lo, Math.min(hi, unstableOffset), maxBytes));
      if (out.size() < Math.min(hi, unstableOffset) - lo) {
        return out; // size limit reached inside storage
      }
    }
    long bytes = 0;
    for (Entry e : out) {
      bytes += e.size();
    }
    for (long i = Math.max(lo, unstableOffset); i < hi; i++) {
      Entry e = unstable.get((int) (i - unstableOffset));
      bytes += e.size();
      if (!out.isEmpty() && bytes > maxBytes) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  boolean hasUnstableEntries() {
    return !unstable.isEmpty();
  }

  List<Entry> unstableEntries() {
    return List.copyOf(unstable);
  }

  Snapshot pendingSnapshot() {
    return pendingSnapshot;
  }

  /** Committed entries not yet applied, starting after the snapshot. */
  List<Entry> nextCommittedEntries(long maxBytes) {
    long lo = Math.max(applied + 1, firstIndex());
    long hi = has(InjectedBug.APPLY_UNCOMMITTED_ENTRIES) ? lastIndex() : committed;
    return hi < lo ? List.of() : slice(lo, hi + 1, maxBytes);
  }

  void commitTo(long c) {
    if (c > committed) {
      if (c > lastIndex()) {
        throw new IllegalStateException("commit " + c + " beyond last index " + lastIndex());
      }
      committed = c;
    }
  }

  /** Commits {@code index} if its entry has {@code term} (or regardless when term < 0). */
  boolean maybeCommit(long index, long term) {
    if (index > committed && (term < 0 || termOrNone(index) == term)) {
      commitTo(index);
      return true;
    }
    return false;
  }

  /** The caller persisted entries up to {@code index} with {@code term}: drop them from unstable. */
  void stableTo(long index, long term) {
    if (index < unstableOffset || unstable.isEmpty() || termOrNone(index) != term) {
      return;
    }
    unstable.subList(0, (int) (index - unstableOffset) + 1).clear();
    unstableOffset = index + 1;
  }

  void stableSnapshotTo(long index) {
    if (pendingSnapshot != null
        && (pendingSnapshot.index() == index || has(InjectedBug.NEWER_SNAPSHOT_MARKED_STABLE))) {
      pendingSnapshot = null;
    }
  }

  void appliedTo(long index) {
    if (index > applied) {
      applied = index;
    }
  }

  /** Replaces the whole log with a snapshot (follower behind the leader's compaction point). */
  void restore(Snapshot snap) {
    committed = snap.index();
    writtenFrom = Math.min(writtenFrom, snap.index() + 1);
    if (!has(InjectedBug.RESTORE_KEEPS_UNSTABLE_TAIL) || unstableOffset <= snap.index()) {
      unstable.clear();
      unstableOffset = snap.index() + 1;
    }
    pendingSnapshot = snap;
  }

  /** The snapshot a leader sends to a lagging follower. */
  Snapshot snapshot() {
    return pendingSnapshot != null ? pendingSnapshot : storage.snapshot();
  }

  /** All entries from the first available one, for tests and scenario output. */
  List<Entry> allEntries() {
    return slice(firstIndex(), lastIndex() + 1, Long.MAX_VALUE);
  }

  /**
   * The lowest index written since the previous call (Long.MAX_VALUE when none), and starts a new
   * round: a trace event carries only the entries its action wrote, not the whole log.
   */
  long takeWrittenFrom() {
    long from = writtenFrom;
    writtenFrom = Long.MAX_VALUE;
    return from;
  }
}
