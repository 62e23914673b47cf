package io.plumbline.raft.sim;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A simulated disk. Writes go to the page cache ({@link #cache}, what the running core reads)
 * and reach the platters ({@code durable}) only when synced: a Ready with {@code mustSync} syncs
 * everything written so far. A crash keeps only the durable state, so a core that under-reports
 * {@code mustSync} loses acknowledged terms, votes or entries, and the checker notices.
 */
public final class SimDisk {
  private final MemoryStorage durable = new MemoryStorage();
  private MemoryStorage cache = new MemoryStorage();
  private final List<Consumer<MemoryStorage>> unsynced = new ArrayList<>();

  public MemoryStorage cache() {
    return cache;
  }

  /** A snapshot from the leader, written and synced. */
  public void persistSnapshot(Snapshot s) {
    write(m -> m.applySnapshot(s));
    sync();
  }

  /** Entries (may be empty) and hard state (may be null); synced when {@code sync}. */
  public void persist(List<Entry> entries, HardState hs, boolean sync) {
    if (!entries.isEmpty()) {
      write(m -> m.append(entries));
    }
    if (hs != null) {
      write(m -> m.setHardState(hs));
    }
    if (sync) {
      sync();
    }
  }

  /** The application snapshots its state at {@code index} and compacts the log; synced. */
  void compact(long index, byte[] data, long keepEntries) {
    write(m -> {
      m.createSnapshot(index, data);
      m.compact(Math.max(m.firstIndex() - 1, index - keepEntries));
    });
    sync();
  }

  private void write(Consumer<MemoryStorage> op) {
    op.accept(cache);
    unsynced.add(op);
  }

  private void sync() {
    for (Consumer<MemoryStorage> op : unsynced) {
      op.accept(durable);
    }
    unsynced.clear();
  }

  /** The hard state a crash now would keep. */
  public HardState durableHardState() {
    return durable.initialState();
  }

  /** The last index a crash now would keep (the snapshot's when no entry follows it). */
  public long durableLastIndex() {
    return durable.lastIndex();
  }

  /** What a crash now would keep (a copy): the synced writes only. */
  public MemoryStorage durableCopy() {
    return durable.copy();
  }

  /** Crash: unsynced writes are lost; returns the storage a restarted core reads. */
  public MemoryStorage crashAndRecover() {
    unsynced.clear();
    cache = durable.copy();
    return cache;
  }
}
