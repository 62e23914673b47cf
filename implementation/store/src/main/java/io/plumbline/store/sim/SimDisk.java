package io.plumbline.store.sim;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.RandomSource;
import io.plumbline.raft.Snapshot;
import io.plumbline.store.node.NodeDisk;
import io.plumbline.store.wal.Wal;
import io.plumbline.store.wal.WalReplay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.TreeMap;

/**
 * A member's disk in memory, surviving its restarts: one WAL segment as bytes, in
 * {@link Wal}'s own record format (so recovery runs the real CRC and torn-record checks), split
 * into what was fsynced and what still sits in the page cache, plus durable snapshots. A
 * {@link #crashProcess} keeps the page cache (nothing is lost or torn; the next open replays it and fsyncs it). A
 * {@link #crash} is a power loss: it keeps the synced bytes and, as {@link DiskFaults} draws, none, part (cut
 * short) or all of the unsynced tail with some sectors never written (zeros), and may flip a byte of anything
 * fsynced, the last fsynced append included, whose {@code SYNC} record was in the lost tail ({@link #rotAt}: the
 * next open must refuse). As {@link Wal} does, an
 * fsync is followed by a {@code SYNC} record in the unsynced tail. Failed fsyncs and a full disk throw
 * {@link IOException}.
 * Snapshots are written durably at once (production fsyncs and renames them).
 */
public final class SimDisk implements NodeDisk {
  /** The sector a power loss tears a write at (the WAL reader's, etcd's 512). */
  private static final int SECTOR = 512;
  private final RandomSource random;
  private DiskFaults faults;
  private boolean full;
  private final ByteArrayOutputStream synced = new ByteArrayOutputStream();
  private final ByteArrayOutputStream unsynced = new ByteArrayOutputStream();
  private final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();
  private int stallTicks;
  /** The byte of {@code synced} the last crash flipped (a byte of the fsynced bytes), or -1; and its old value. */
  private int rotAt = -1;
  private byte rotWas;
  /** Counters for the run's summary. */
  public long fsyncs;
  public long failedSyncs;
  public long fullDisk;
  public long tornTails;
  public long corruptTails;
  public long rottenBytes;
  public long processCrashes;

  public SimDisk(RandomSource random, DiskFaults faults) {
    this.random = random;
    this.faults = faults;
  }

  @Override
  public Snapshot loadNewestSnapshot() {
    return snapshots.isEmpty() ? Snapshot.EMPTY : snapshots.lastEntry().getValue();
  }

  @Override
  public void openWal(WalReplay sink) throws IOException {
    byte[] all = file();
    int good = Wal.replay(all, sink);
    synced.reset(); // the real WAL truncates the torn or corrupt tail the same way
    synced.write(all, 0, good);
    unsynced.reset(); // Wal.open: what was replayed (the page cache's too, after a process crash) is fsynced, ...
    if (good > 0) { // ... then a SYNC record says so
      mark();
    }
  }

  /** The WAL as a read sees it: the fsynced bytes, then what the page cache still holds. */
  private byte[] file() {
    byte[] all = java.util.Arrays.copyOf(synced.toByteArray(), synced.size() + unsynced.size());
    byte[] tail = unsynced.toByteArray();
    System.arraycopy(tail, 0, all, synced.size(), tail.length);
    return all;
  }

  /** A SYNC record for everything synced so far, in the unsynced tail (as {@code Wal} writes it after an fsync). */
  private void mark() {
    unsynced.writeBytes(Wal.syncRecord(synced.size()));
  }

  @Override
  public void append(List<Entry> entries, HardState hs, boolean sync) throws IOException {
    byte[] b = Wal.records(entries, hs);
    if (full && b.length > 0) {
      fullDisk++;
      throw new IOException("simulated disk full");
    }
    unsynced.write(b);
    if (sync) {
      sync();
    }
  }

  private void sync() throws IOException {
    fsyncs++;
    if (chance(faults.failSync())) {
      failedSyncs++;
      throw new IOException("simulated fsync failure");
    }
    if (chance(faults.slowSync())) {
      stallTicks += faults.slowSyncTicks();
    }
    unsynced.writeTo(synced);
    unsynced.reset();
    mark();
  }

  @Override
  public void saveSnapshot(Snapshot s) {
    snapshots.put(s.index(), s);
    while (snapshots.size() > 2) {
      snapshots.pollFirstEntry();
    }
  }

  @Override
  public void cutWal(long index, long term, HardState hs, List<Entry> kept) {
    synced.reset();
    unsynced.reset();
    synced.writeBytes(Wal.cutRecords(index, term, hs, kept));
  }

  @Override
  public void close() {}

  /** While full, every append fails (the node stops, as on ENOSPC). */
  public void setFull(boolean full) {
    this.full = full;
  }

  /** Heal: no more faults from now on. */
  public void calm() {
    faults = DiskFaults.NONE;
    full = false;
  }

  /** Ticks the node must stall for slow fsyncs since the last call. */
  public int takeStallTicks() {
    int t = stallTicks;
    stallTicks = 0;
    return t;
  }

  /**
   * The member's process dies ({@code kill -9}, an out-of-memory kill) but the machine does not: the page cache
   * keeps every write, unsynced ones included, and the kernel writes them out later; nothing is torn and nothing
   * rots. The next open replays the unsynced tail too (its records were never acknowledged: no fsync covered them),
   * and must make it durable before a SYNC record vouches for it (a power loss may follow).
   */
  public void crashProcess() {
    processCrashes++;
  }

  /**
   * The machine loses power: the unsynced tail is lost, or (as drawn) part of it survives, or all of its length
   * with unwritten sectors; and (as drawn) one byte of what was fsynced rots, the last fsynced append included.
   */
  public void crash() {
    byte[] tail = unsynced.toByteArray();
    unsynced.reset();
    if (synced.size() > 0 && chance(faults.rot())) {
      byte[] all = synced.toByteArray();
      rotAt = random.nextInt(all.length); // the last fsynced append too: its SYNC record was in the lost tail
      rotWas = all[rotAt];
      all[rotAt] ^= (byte) (1 + random.nextInt(255));
      synced.reset();
      synced.writeBytes(all);
      rottenBytes++;
    }
    if (tail.length == 0) {
      return;
    }
    if (chance(faults.tornTail())) {
      tornTails++;
      synced.write(tail, 0, 1 + random.nextInt(tail.length));
    } else if (chance(faults.corruptTail())) {
      corruptTails++;
      unwrittenSectors(tail, synced.size());
      synced.writeBytes(tail);
    }
  }

  /**
   * The tail reached the file's length but some of its sectors were never written: they read as zeros (the
   * tail starts at file offset {@code base}; at least one of its sectors, each with probability 1/2).
   */
  private void unwrittenSectors(byte[] tail, int base) {
    int first = base / SECTOR;
    int last = (base + tail.length - 1) / SECTOR;
    int surely = first + random.nextInt(last - first + 1);
    for (int s = first; s <= last; s++) {
      if (s == surely || random.nextInt(2) == 0) {
        java.util.Arrays.fill(tail, Math.max(0, s * SECTOR - base), Math.min(tail.length, (s + 1) * SECTOR - base), (byte) 0);
      }
    }
  }

  /** The byte the last crash flipped inside the fsynced bytes, or -1. */
  public int rotAt() {
    return rotAt;
  }

  /** The operator restores the rotten byte (from a backup) after the member refused to start. */
  public void repairRot() {
    byte[] all = synced.toByteArray();
    all[rotAt] = rotWas;
    synced.reset();
    synced.writeBytes(all);
    rotAt = -1;
  }

  private boolean chance(double p) {
    return p > 0 && random.nextInt(1_000_000) < p * 1_000_000;
  }
}
