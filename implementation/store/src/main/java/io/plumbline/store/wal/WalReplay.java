package io.plumbline.store.wal;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;

/** Receives WAL records in order during replay. */
public interface WalReplay {
  void entry(Entry e);

  void hardState(HardState hs);

  /** The segment starts after a snapshot at this index and term. */
  void snapshot(long index, long term);
}
