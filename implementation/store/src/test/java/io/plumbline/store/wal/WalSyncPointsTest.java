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
 * Torn tail or lost acknowledged data: the WAL records how far it was fsynced (SYNC records), and a bad
 * record is truncated only when it starts past that point. A bit flipped at every byte of a small WAL is
 * refused wherever it is (naming the file and the bad record's offset, the file left as it was); a write cut
 * short or unwritten (zeroed) sectors past the fsynced prefix are truncated and every record before them replays.
 */
class WalSyncPointsTest {
  @TempDir Path dir;
  @RegisterExtension final WalReaderLog logged = new WalReaderLog();

  private static final HardState HS1 = new HardState(1, "n1", 2);
  private static final HardState HS2 = new HardState(2, "n2", 3);
  private static final HardState HS3 = new HardState(2, "n2", 4);
  private static final HardState HS4 = new HardState(2, "n2", 5);

  /** One record of the file: where it starts and ends, the entry it holds (null for others). */
  private record Rec(int start, int end, Entry entry, boolean sync) {}

  /**
   * Four appends: two fsynced, two not. Each fsynced one is followed by a SYNC record (the segment's
   * length when its fsync returned), written right after the fsync; the unsynced ones have none.
   */
  private List<Rec> writeFourAppends() throws IOException {
    List<Rec> recs = new ArrayList<>();
    int[] at = {0};
    try (Wal w = Wal.open(dir, new WalTest.Collected())) {
      append(w, recs, at, List.of(WalTest.e(1, 1, "a"), WalTest.e(1, 2, "bb")), HS1, true);
      append(w, recs, at, List.of(WalTest.e(2, 3, "ccc")), HS2, true);
      append(w, recs, at, List.of(WalTest.e(2, 4, "dddd")), HS3, false);
      append(w, recs, at, List.of(WalTest.e(2, 5, "eeeee")), HS4, false);
    }
    assertThat(Files.size(segment())).isEqualTo(at[0]);
    return recs;
  }

  private static void append(Wal w, List<Rec> recs, int[] at, List<Entry> es, HardState hs, boolean sync)
      throws IOException {
    for (Entry e : es) {
      recs.add(new Rec(at[0], at[0] += WalRecord.entrySize(e), e, false));
    }
    recs.add(new Rec(at[0], at[0] += WalRecord.hardStateSize(hs), null, false));
    if (sync) {
      recs.add(new Rec(at[0], at[0] += WalRecord.syncSize(), null, true));
    }
    w.append(es, hs, sync);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private Path segment() throws IOException {
    return Wal.segments(dir).get(0);
  }

  /** The fsynced offset that the intact SYNC records of {@code recs} (all but {@code broken}) prove. */
  private static int provenSynced(List<Rec> recs, Rec broken, byte[] file) {
    int synced = 0;
    for (Rec r : recs) {
      if (r.sync() && r != broken) {
        synced = Math.max(synced, (int) java.nio.ByteBuffer.wrap(file, r.start() + WalRecord.HEADER_BYTES, 8).getLong());
      }
    }
    return synced;
  }

  /**
   * A flipped byte is rot wherever it is: inside the fsynced prefix it is corruption of acknowledged data, and
   * past it (the last SYNC record, the unsynced appends) a power loss does not leave it either (it leaves the
   * file cut short or sectors unwritten, reading as zeros: {@link TornWrite}). Every flip refuses, names the
   * file and the broken record's offset and leaves the file as it was.
   */
  @Test
  void aBitFlippedAtAnyByteRefusesToOpen() throws IOException {
    List<Rec> recs = writeFourAppends();
    byte[] clean = Files.readAllBytes(segment());
    for (int at = 0; at < clean.length; at++) {
      int i = at;
      Rec broken = recs.stream().filter(r -> r.start() <= i && i < r.end()).findFirst().orElseThrow();
      byte[] onDisk = clean.clone();
      onDisk[at] ^= 0x10;
      Files.write(segment(), onDisk);
      WalTest.Collected c = new WalTest.Collected();
      String where = broken.start() < provenSynced(recs, broken, clean) ? "inside the fsynced prefix" : "past it";
      assertThatThrownBy(() -> Wal.open(dir, c).close()).as("byte %d flipped, %s", at, where)
          .isInstanceOfSatisfying(WalCorruptException.class, e -> {
            assertThat(e.file()).isEqualTo(Wal.name(0));
            assertThat(e.offset()).isEqualTo(broken.start());
            assertThat(e.getMessage()).contains(Wal.name(0), "at offset " + broken.start());
          });
      assertThat(Files.readAllBytes(segment())).as("the file is left as it was (byte %d)", at).isEqualTo(onDisk);
    }
  }

  /**
   * A power loss right after the second append's fsync: its SYNC record (written after the fsync, not fsynced)
   * is lost with the unsynced appends, so no SYNC record vouches for that append. A byte of it that rots must
   * still refuse (before {@link TornWrite} it read as a torn tail and was truncated: acknowledged entry 3 and
   * hard state HS2 were dropped silently); an unwritten (zeroed) sector of the unsynced appends is truncated.
   */
  @Test
  void afterAPowerLossARottenByteOfTheLastFsyncedAppendRefusesAndUnwrittenSectorsAreTruncated() throws IOException {
    List<Rec> recs = writeFourAppends();
    byte[] clean = Files.readAllBytes(segment());
    Rec lastSync = recs.stream().filter(Rec::sync).reduce((a, b) -> b).orElseThrow();
    Rec firstSync = recs.stream().filter(Rec::sync).findFirst().orElseThrow();
    byte[] afterPowerLoss = Arrays.copyOf(clean, lastSync.start());
    for (int at = firstSync.end(); at < afterPowerLoss.length; at++) {
      for (int flip : new int[] {0x01, 0x10, 0x80, 0xFF}) {
        byte[] onDisk = afterPowerLoss.clone();
        onDisk[at] ^= (byte) flip;
        Files.write(segment(), onDisk);
        int i = at;
        Rec broken = recs.stream().filter(r -> r.start() <= i && i < r.end()).findFirst().orElseThrow();
        assertThatThrownBy(() -> Wal.open(dir, new WalTest.Collected()).close())
            .as("byte %d of the last fsynced append xor 0x%s after a power loss", at, Integer.toHexString(flip))
            .isInstanceOfSatisfying(WalCorruptException.class, e -> assertThat(e.offset()).isEqualTo(broken.start()));
      }
    }
    // The unsynced appends reached the file's length but sector 0's part of them was never written: zeros.
    int from = lastSync.start();
    byte[] torn = clean.clone();
    Arrays.fill(torn, from, Math.min(torn.length, TornWrite.SECTOR), (byte) 0);
    Files.write(segment(), torn);
    WalTest.Collected c = new WalTest.Collected();
    Wal.open(dir, c).close();
    assertThat(c.entries).as("every acknowledged entry, nothing unsynced")
        .isEqualTo(recs.stream().filter(r -> r.end() <= from && r.entry() != null).map(Rec::entry).toList());
    assertThat(c.hs).isEqualTo(HS2);
    // Zeros inside the prefix a surviving SYNC record vouches for (the first append from entry 2 on) refuse.
    Rec second = recs.get(1);
    byte[] zeroedAcked = afterPowerLoss.clone();
    Arrays.fill(zeroedAcked, second.start(), firstSync.start(), (byte) 0);
    Files.write(segment(), zeroedAcked);
    assertThatThrownBy(() -> Wal.open(dir, new WalTest.Collected()).close()).isInstanceOf(WalCorruptException.class)
        .hasMessageContaining("at offset " + second.start());
  }

  @Test
  void aCrashAtAnyByteOfTheUnsyncedAppendsKeepsTheWholeRecordsBeforeIt() throws IOException {
    List<Rec> recs = writeFourAppends();
    byte[] clean = Files.readAllBytes(segment());
    int firstUnsynced = recs.stream().filter(Rec::sync).mapToInt(Rec::start).max().orElseThrow();
    for (int len = firstUnsynced; len < clean.length; len++) {
      int cut = len;
      Files.write(segment(), Arrays.copyOf(clean, len));
      WalTest.Collected c = new WalTest.Collected();
      Wal.open(dir, c).close();
      List<Rec> whole = recs.stream().filter(r -> r.end() <= cut).toList();
      assertThat(c.entries).as("crash %d bytes in", len)
          .isEqualTo(whole.stream().filter(r -> r.entry() != null).map(Rec::entry).toList());
      assertThat(Files.size(segment())).isEqualTo(whole.get(whole.size() - 1).end() + WalRecord.syncSize());
    }
  }

  /** A cut segment is fsynced before it gets its name: every byte of it is acknowledged, its first record too. */
  @Test
  void aCutSegmentIsFsyncedWholeFlippedOrShortenedItRefuses() throws IOException {
    List<Entry> kept = List.of(WalTest.e(2, 3, "ccc"), WalTest.e(2, 4, "dddd"));
    byte[] cut = Wal.cutRecords(2, 1, HS2, kept);
    try (Wal w = Wal.open(dir, new WalTest.Collected())) {
      w.append(List.of(WalTest.e(1, 1, "a")), HS1, true);
      w.cut(2, 1, HS2, kept);
      w.append(List.of(WalTest.e(2, 5, "eeeee")), HS4, false);
    }
    Path seg = dir.resolve(Wal.name(1));
    assertThat(Wal.segments(dir)).containsExactly(seg);
    byte[] clean = Files.readAllBytes(seg);
    assertThat(Arrays.copyOf(clean, cut.length)).isEqualTo(cut);
    for (int at = 0; at < clean.length; at++) {
      byte[] onDisk = clean.clone();
      onDisk[at] ^= 0x10;
      Files.write(seg, onDisk);
      WalTest.Collected c = new WalTest.Collected();
      assertThatThrownBy(() -> Wal.open(dir, c).close())
          .as("byte %d of the %s flipped", at, at < cut.length ? "cut" : "unsynced append (rot, not a torn write)")
          .isInstanceOf(WalCorruptException.class).hasMessageContaining(Wal.name(1));
    }
    for (int len = cut.length; len < clean.length; len++) { // a power loss in the unsynced append
      Files.write(seg, Arrays.copyOf(clean, len));
      WalTest.Collected c = new WalTest.Collected();
      Wal.open(dir, c).close();
      assertThat(c.entries).as("cut short at %d", len).startsWith(kept.toArray(Entry[]::new));
      assertThat(c.snapIndex).isEqualTo(2);
    }
    for (int len = 0; len < cut.length; len++) {
      Files.write(seg, Arrays.copyOf(clean, len));
      assertThatThrownBy(() -> Wal.open(dir, new WalTest.Collected()).close())
          .as("the cut segment shortened to %d bytes", len).isInstanceOf(WalCorruptException.class);
    }
  }

  /**
   * A crash after a cut renamed its segment, before the old one was removed: the old segment's unsynced
   * tail is torn; it is truncated and the cut segment still replays whole (it is never deleted).
   */
  @Test
  void aTornTailInAnOldSegmentKeepsTheCutSegmentAfterIt() throws IOException {
    List<Entry> kept = List.of(WalTest.e(1, 2, "bb"));
    try (Wal w = Wal.open(dir, new WalTest.Collected())) {
      w.append(List.of(WalTest.e(1, 1, "a")), HS1, true);
      w.append(List.of(WalTest.e(1, 2, "bb")), null, false);
    }
    byte[] old = Files.readAllBytes(dir.resolve(Wal.name(0)));
    try (Wal w = Wal.open(dir, new WalTest.Collected())) {
      w.cut(1, 1, HS1, kept);
    }
    Files.write(dir.resolve(Wal.name(0)), Arrays.copyOf(old, old.length - 2));
    WalTest.Collected c = new WalTest.Collected();
    Wal.open(dir, c).close();
    assertThat(c.entries).containsExactly(WalTest.e(1, 1, "a"), WalTest.e(1, 2, "bb"));
    assertThat(c.snapIndex).isEqualTo(1);
    assertThat(Files.size(dir.resolve(Wal.name(1)))).as("the cut, then open's SYNC record")
        .isEqualTo(Wal.cutRecords(1, 1, HS1, kept).length + WalRecord.syncSize());
  }
}
