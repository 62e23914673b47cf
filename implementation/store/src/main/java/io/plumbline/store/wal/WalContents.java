package io.plumbline.store.wal;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import java.util.List;

/**
 * What a WAL replay recovered: the last hard state, the snapshot the log starts after, and the
 * entries after it (conflicting rewrites already resolved, in index order).
 */
public record WalContents(HardState hardState, long snapshotIndex, long snapshotTerm, List<Entry> entries,
    boolean truncated) {
  public WalContents {
    entries = List.copyOf(entries);
  }
}
