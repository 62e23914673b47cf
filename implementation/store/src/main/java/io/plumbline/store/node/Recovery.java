package io.plumbline.store.node;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Snapshot;
import io.plumbline.store.mvcc.MvccSnapshot;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.wal.WalReplay;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restart recovery: the newest intact snapshot restores the MVCC store and the Raft storage, then
 * the WAL replays hard state and entries after it. Entries after the snapshot that were committed
 * are re-applied by the node as the core hands them out again.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** What was recovered. */
  record Recovered(MemoryStorage storage, long snapshotIndex) {}

  private Recovery() {}

  static Recovered open(NodeDisk disk, MvccStore mvcc, String name, boolean loseLastRecord) throws IOException {
    Snapshot snap = disk.loadNewestSnapshot();
    MemoryStorage storage = new MemoryStorage();
    if (!snap.isEmpty()) {
      storage.applySnapshot(snap);
      MvccSnapshot.restore(mvcc, snap.data());
    }
    long[] count = {0};
    java.util.ArrayList<Entry> replayed = new java.util.ArrayList<>();
    disk.openWal(new WalReplay() {
      @Override
      public void entry(Entry e) {
        replayed.add(e);
        count[0]++;
      }

      @Override
      public void hardState(HardState hs) {
        storage.setHardState(hs);
      }

      @Override
      public void snapshot(long index, long term) {
        if (index > snap.index()) {
          throw new IllegalStateException("wal starts after snapshot " + index
              + " but the newest intact snapshot file is at " + snap.index());
        }
      }
    });
    if (loseLastRecord && !replayed.isEmpty()) { // ShellBug.LOSE_LAST_WAL_RECORD
      replayed.remove(replayed.size() - 1);
    }
    appendReplayed(storage, replayed);
    HardState hs = storage.initialState();
    if (!snap.isEmpty() || count[0] > 0) {
      LOG.info("{}: recovered snapshot at index {} (revision {}), {} WAL entries up to index {}, term {}, commit {}",
          name, snap.index(), mvcc.currentRevision(), count[0], storage.lastIndex(), hs.term(), hs.commit());
    } else {
      LOG.info("{}: starting with an empty disk", name);
    }
    return new Recovered(storage, snap.index());
  }

  /** Replayed entries in WAL order: a later record for an index replaces the earlier suffix, as the WAL's appends did. */
  private static void appendReplayed(MemoryStorage storage, List<Entry> replayed) {
    for (Entry e : replayed) {
      storage.append(List.of(e));
    }
  }
}
