package io.plumbline.store.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability at every point of a WAL write (an open appends a SYNC record for what it replayed, so each
 * reopened file is its intact prefix plus that record). What was fsynced before is replayed whole after a crash
 * at any byte of the next (unsynced) append; of that append only whole records are replayed, a torn
 * one is truncated. A corrupt record ends the log: nothing after it is ever replayed (never skipped
 * over), the file is cut there and the log line names the file and the offset.
 */
class WalCrashPointsTest {
  @TempDir Path dir;
  @RegisterExtension final WalReaderLog logged = new WalReaderLog();

  private static final List<Entry> SYNCED = List.of(WalTest.e(1, 1, "a"), WalTest.e(1, 2, "bb"), WalTest.e(2, 3, "c"));
  private static final HardState SYNCED_HS = new HardState(2, "n2", 3);
  private static final List<Entry> NEXT = List.of(WalTest.e(2, 4, "dddd"), WalTest.e(2, 5, "eeeeeeee"));
  private static final HardState NEXT_HS = new HardState(3, "n3", 5);

  /** The synced segment's bytes: two appends, fsynced. */
  private byte[] synced() throws IOException {
    try (Wal w = Wal.open(dir, new WalTest.Collected())) {
      w.append(SYNCED.subList(0, 2), new HardState(1, "n1", 1), true);
      w.append(SYNCED.subList(2, 3), SYNCED_HS, true);
    }
    byte[] b = Files.readAllBytes(segment());
    Files.delete(segment());
    return b;
  }

  private Path segment() throws IOException {
    return Wal.segments(dir).get(0);
  }

  /** Record boundaries of the next append (entries, then the hard state) as offsets from its start. */
  private static int[] ends() {
    int e4 = WalRecord.entrySize(NEXT.get(0));
    int e5 = e4 + WalRecord.entrySize(NEXT.get(1));
    return new int[] {e4, e5, e5 + WalRecord.hardStateSize(NEXT_HS)};
  }

  private WalTest.Collected crashWith(byte[] onDisk) throws IOException {
    Files.write(dir.resolve(Wal.name(0)), onDisk);
    WalTest.Collected c = new WalTest.Collected();
    Wal.open(dir, c).close();
    return c;
  }

  @Test
  void aCrashAtAnyByteOfAnUnsyncedAppendKeepsEverythingSyncedBeforeIt() throws IOException {
    byte[] acked = synced();
    byte[] next = Wal.records(NEXT, NEXT_HS);
    int[] ends = ends();
    assertThat(next).hasSize(ends[2]);
    for (int cut = 0; cut <= next.length; cut++) {
      byte[] onDisk = Arrays.copyOf(acked, acked.length + cut);
      System.arraycopy(next, 0, onDisk, acked.length, cut);
      WalTest.Collected c = crashWith(onDisk);
      List<Entry> expected = new ArrayList<>(SYNCED);
      int whole = 0;
      for (int r = 0; r < 2; r++) {
        if (cut >= ends[r]) {
          expected.add(NEXT.get(r));
          whole = ends[r];
        }
      }
      if (cut == ends[2]) {
        whole = ends[2];
      }
      assertThat(c.entries).as("entries after a crash %d bytes into the append", cut).isEqualTo(expected);
      assertThat(c.hs).as("hard state after a crash %d bytes into the append", cut)
          .isEqualTo(cut == ends[2] ? NEXT_HS : SYNCED_HS);
      assertThat(Files.size(segment())).as("a torn record is truncated away, then open's SYNC record (crash at %d)", cut)
          .isEqualTo(acked.length + whole + WalRecord.syncSize());
      Files.delete(segment());
    }
  }

  /**
   * A bit flipped anywhere in an unsynced append is rot, not a torn write (a power loss cuts the file short or
   * leaves zeroed sectors): the WAL refuses to open and names the file and the record, rather than guess
   * whether the append had been fsynced.
   */
  @Test
  void aFlippedBitInAnAppendRefusesAndIsNamedByFileAndOffset() throws IOException {
    byte[] acked = synced();
    byte[] next = Wal.records(NEXT, NEXT_HS);
    int[] ends = ends();
    for (int at = 0; at < next.length; at++) {
      byte[] onDisk = Arrays.copyOf(acked, acked.length + next.length);
      System.arraycopy(next, 0, onDisk, acked.length, next.length);
      onDisk[acked.length + at] ^= 0x10;
      int record = at < ends[0] ? 0 : at < ends[1] ? 1 : 2;
      int start = record == 0 ? 0 : ends[record - 1];
      assertThatThrownBy(() -> crashWith(onDisk)).as("a bit flipped at byte %d of the append (record %d)", at, record)
          .isInstanceOfSatisfying(WalCorruptException.class, e -> {
            assertThat(e.file()).isEqualTo(Wal.name(0));
            assertThat(e.offset()).isEqualTo(acked.length + start);
          });
      assertThat(Files.readAllBytes(segment())).isEqualTo(onDisk);
      Files.delete(segment());
    }
  }
}
