package io.plumbline.store.node;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.Snapshot;
import io.plumbline.store.wal.WalReplay;
import java.io.IOException;
import java.util.List;

/**
 * The node shell's disk: the write-ahead log and the snapshot files. Production is
 * {@link FileNodeDisk} ({@link io.plumbline.store.wal.Wal} and
 * {@link io.plumbline.store.wal.SnapshotFiles}, fsync); the simulator's keeps bytes in memory and
 * injects faults. {@link Recovery} reads both back the same way.
 *
 * <p>Failure policy: every {@link IOException} (a failed fsync, a full disk) is fatal to the node,
 * which stops; a record found torn or corrupt on read ends the log there (see {@link #openWal}).
 */
public interface NodeDisk extends AutoCloseable {
  /** The newest snapshot whose checksum matches, or {@link Snapshot#EMPTY}. */
  Snapshot loadNewestSnapshot() throws IOException;

  /** Replays the WAL into {@code sink} (stopping at the first torn or corrupt record, which is cut off), then opens it for appending. */
  void openWal(WalReplay sink) throws IOException;

  /** Appends entries then the hard state (either may be empty/null); durable before it returns when {@code sync}. */
  void append(List<Entry> entries, HardState hs, boolean sync) throws IOException;

  /** Saves a snapshot durably (a crash leaves the old or the new one). */
  void saveSnapshot(Snapshot s) throws IOException;

  /** Starts the WAL afresh after a snapshot at {@code index}/{@code term}: marker, hard state, the kept entries; durable. */
  void cutWal(long index, long term, HardState hs, List<Entry> kept) throws IOException;

  @Override
  void close() throws IOException;
}
