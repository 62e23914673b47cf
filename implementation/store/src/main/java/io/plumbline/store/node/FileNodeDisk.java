package io.plumbline.store.node;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.Snapshot;
import io.plumbline.store.wal.SnapshotFiles;
import io.plumbline.store.wal.Wal;
import io.plumbline.store.wal.WalReplay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The production {@link NodeDisk}: {@code DATA_DIR/wal} segments and {@code DATA_DIR/snap} files, fsynced. */
public final class FileNodeDisk implements NodeDisk {
  private final Path dataDir;
  private final SnapshotFiles snaps;
  private Wal wal;

  public FileNodeDisk(Path dataDir) throws IOException {
    this.dataDir = dataDir;
    this.snaps = new SnapshotFiles(dataDir.resolve("snap"));
  }

  @Override
  public Snapshot loadNewestSnapshot() throws IOException {
    return snaps.loadNewest();
  }

  @Override
  public void openWal(WalReplay sink) throws IOException {
    wal = Wal.open(dataDir.resolve("wal"), sink);
  }

  @Override
  public void append(List<Entry> entries, HardState hs, boolean sync) throws IOException {
    wal.append(entries, hs, sync);
  }

  @Override
  public void saveSnapshot(Snapshot s) throws IOException {
    snaps.save(s);
  }

  @Override
  public void cutWal(long index, long term, HardState hs, List<Entry> kept) throws IOException {
    wal.cut(index, term, hs, kept);
  }

  @Override
  public void close() throws IOException {
    if (wal != null) {
      wal.close();
    }
  }
}
