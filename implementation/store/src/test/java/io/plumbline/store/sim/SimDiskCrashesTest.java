package io.plumbline.store.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.wal.Wal;
import io.plumbline.store.wal.WalReplay;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two crashes a member's disk sees: a process crash keeps the page cache (the unsynced tail replays, and the
 * open makes it durable before it vouches for it), a power loss loses the unsynced tail.
 */
class SimDiskCrashesTest {
  private static final HardState HS = new HardState(1, "n1", 2);

  /** Collects the entry indexes a replay delivers. */
  private static final class Indexes implements WalReplay {
    final List<Long> got = new ArrayList<>();

    @Override
    public void entry(Entry e) {
      got.add(e.index());
    }

    @Override
    public void hardState(HardState hs) {}

    @Override
    public void snapshot(long index, long term) {}
  }

  private static Entry e(long i) {
    return new Entry(1, i, ("v" + i).getBytes());
  }

  private static List<Long> open(SimDisk d) throws IOException {
    Indexes r = new Indexes();
    d.openWal(r);
    return r.got;
  }

  private static SimDisk twoSyncedOneNot() throws IOException {
    SimDisk d = new SimDisk(new SplitMixRandom(1), DiskFaults.NONE);
    open(d);
    d.append(List.of(e(1), e(2)), HS, true);
    d.append(List.of(e(3)), null, false); // in the page cache only
    return d;
  }

  @Test
  void aPowerLossLosesTheUnsyncedTail() throws IOException {
    SimDisk d = twoSyncedOneNot();
    d.crash();
    assertThat(open(d)).containsExactly(1L, 2L);
  }

  @Test
  void aProcessCrashKeepsThePageCacheAndTheOpenMakesItDurable() throws IOException {
    SimDisk d = twoSyncedOneNot();
    d.crashProcess();
    assertThat(open(d)).as("the page cache's entry replays").containsExactly(1L, 2L, 3L);
    d.crash(); // the machine loses power after the restart: what the restart replayed (and Raft now counts as
    assertThat(open(d)).as("persisted, and may acknowledge) was fsynced by the open").containsExactly(1L, 2L, 3L);
  }

  /**
   * The real WAL after its process died (the file closed unsynced: the page cache keeps it): every record replays,
   * and the open ends the segment with a SYNC record covering all of it (after fsyncing it).
   */
  @Test
  void theRealWalReplaysThePageCacheAfterAProcessCrashAndVouchesForIt(@TempDir Path dir) throws IOException {
    try (Wal w = Wal.open(dir, new Indexes())) {
      w.append(List.of(e(1), e(2)), HS, true);
      w.append(List.of(e(3)), null, false);
    } // closing fsyncs nothing: as kill -9, the page cache holds e(3)
    Indexes r = new Indexes();
    Wal.open(dir, r).close();
    assertThat(r.got).containsExactly(1L, 2L, 3L);
    byte[] seg = Files.readAllBytes(dir.resolve("wal-0000000000000000.log"));
    byte[] lastSync = Wal.syncRecord(seg.length - Wal.syncRecord(0).length);
    assertThat(ByteBuffer.wrap(seg, seg.length - lastSync.length, lastSync.length)).isEqualTo(ByteBuffer.wrap(lastSync));
  }
}
