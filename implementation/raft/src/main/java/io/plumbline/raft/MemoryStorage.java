package io.plumbline.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link RaftStorage} in memory, with the write side the caller uses after persisting a
 * {@link Ready}. Position 0 of the entry list is a dummy holding the snapshot's index and term.
 */
public final class MemoryStorage implements RaftStorage {
  private HardState hardState = HardState.EMPTY;
  private Snapshot snapshot = Snapshot.EMPTY;
  private final ArrayList<Entry> entries = new ArrayList<>();

  public MemoryStorage() {
    entries.add(new Entry(0, 0, null));
  }

  /** A deep-enough copy (entries and snapshots are immutable). */
  public MemoryStorage copy() {
    MemoryStorage c = new MemoryStorage();
    c.hardState = hardState;
    c.snapshot = snapshot;
    c.entries.clear();
    c.entries.addAll(entries);
    return c;
  }

  @Override
  public HardState initialState() {
    return hardState;
  }

  public void setHardState(HardState hs) {
    hardState = hs;
  }

  @Override
  public long firstIndex() {
    return offset() + 1;
  }

  @Override
  public long lastIndex() {
    return offset() + entries.size() - 1;
  }

  private long offset() {
    return entries.get(0).index();
  }

  @Override
  public long term(long index) {
    if (index < offset()) {
      throw new LogCompactedException(index, firstIndex());
    }
    if (index > lastIndex()) {
      throw new IllegalArgumentException("term(" + index + ") beyond last index " + lastIndex());
    }
    return entries.get((int) (index - offset())).term();
  }

  @Override
  public List<Entry> entries(long lo, long hi, long maxBytes) {
    if (lo <= offset()) {
      throw new LogCompactedException(lo, firstIndex());
    }
    if (hi > lastIndex() + 1 || lo > hi) {
      throw new IllegalArgumentException("entries[" + lo + "," + hi + ") out of range, last " + lastIndex());
    }
    List<Entry> out = new ArrayList<>();
    long bytes = 0;
    for (long i = lo; i < hi; i++) {
      Entry e = entries.get((int) (i - offset()));
      bytes += e.size();
      if (!out.isEmpty() && bytes > maxBytes) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  @Override
  public Snapshot snapshot() {
    return snapshot;
  }

  /** Appends entries, replacing any stored entries from the first new index on. */
  public void append(List<Entry> newEntries) {
    if (newEntries.isEmpty()) {
      return;
    }
    long first = newEntries.get(0).index();
    if (first + newEntries.size() - 1 <= offset()) {
      return; // entirely compacted already
    }
    int skip = (int) Math.max(0, firstIndex() - first);
    long start = first + skip;
    if (start > lastIndex() + 1) {
      throw new IllegalArgumentException("gap: appending " + start + " after " + lastIndex());
    }
    int keep = (int) (start - offset());
    entries.subList(keep, entries.size()).clear();
    entries.addAll(newEntries.subList(skip, newEntries.size()));
  }

  /** Installs a snapshot, discarding the whole log (it is older than the snapshot). */
  public void applySnapshot(Snapshot snap) {
    if (snap.index() <= snapshot.index()) {
      return;
    }
    snapshot = snap;
    entries.clear();
    entries.add(new Entry(snap.term(), snap.index(), null));
  }

  /** Records a snapshot of the applied state at {@code index} (at most the last index). */
  public Snapshot createSnapshot(long index, byte[] data) {
    if (index <= snapshot.index()) {
      return snapshot;
    }
    snapshot = new Snapshot(index, term(index), data);
    return snapshot;
  }

  /** Drops entries up to and including {@code index}, which a snapshot must cover. */
  public void compact(long index) {
    if (index <= offset()) {
      return;
    }
    if (index > snapshot.index()) {
      throw new IllegalArgumentException("compact(" + index + ") beyond snapshot " + snapshot.index());
    }
    Entry dummy = new Entry(term(index), index, null);
    entries.subList(0, (int) (index - offset()) + 1).clear();
    entries.add(0, dummy);
  }
}
