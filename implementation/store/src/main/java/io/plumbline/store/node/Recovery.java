package io.plumbline.store.node;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Snapshot;
import io.plumbline.store.mvcc.MvccSnapshot;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.wal.SnapshotFiles;
import io.plumbline.store.wal.Wal;
import io.plumbline.store.wal.WalReplay;
import java.io.IOException;
import java.nio.file.Path;
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
  record Recovered(MemoryStorage storage, Wal wal, SnapshotFiles snaps, long snapshotIndex) {}

  private Recovery() {}

  static Recovered open(Path dataDir, MvccStore mvcc, String name) throws IOException {
    SnapshotFiles snaps = new SnapshotFiles(dataDir.resolve("snap"));
    Snapshot snap = snaps.loadNewest();
    MemoryStorage storage = new MemoryStorage();
    if (!snap.isEmpty()) {
      storage.applySnapshot(snap);
      MvccSnapshot.restore(mvcc, snap.data());
    }
    long[] count = {0};
    Wal wal = Wal.open(dataDir.resolve("wal"), new WalReplay() {
      @Override
      public void entry(Entry e) {
        storage.append(List.of(e));
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
    HardState hs = storage.initialState();
    if (!snap.isEmpty() || count[0] > 0) {
      LOG.info("{}: recovered snapshot at index {} (revision {}), {} WAL entries up to index {}, term {}, commit {}",
          name, snap.index(), mvcc.currentRevision(), count[0], storage.lastIndex(), hs.term(), hs.commit());
    } else {
      LOG.info("{}: starting with an empty data directory {}", name, dataDir);
    }
    return new Recovered(storage, wal, snaps, snap.index());
  }
}
