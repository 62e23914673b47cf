package io.plumbline.store.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAL replays what was written, and never replays a torn or corrupt tail. */
class WalTest {
  @TempDir Path dir;

  /** Collects a replay. */
  static final class Collected implements WalReplay {
    final List<Entry> entries = new ArrayList<>();
    HardState hs;
    long snapIndex;

    @Override
    public void entry(Entry e) {
      entries.removeIf(x -> x.index() >= e.index());
      entries.add(e);
    }

    @Override
    public void hardState(HardState h) {
      hs = h;
    }

    @Override
    public void snapshot(long index, long term) {
      snapIndex = index;
    }
  }

  static Entry e(long term, long index, String data) {
    return new Entry(term, index, data.getBytes(StandardCharsets.UTF_8));
  }

  private Collected reopen() throws IOException {
    Collected c = new Collected();
    Wal.open(dir, c).close();
    return c;
  }

  private void writeThree() throws IOException {
    try (Wal w = Wal.open(dir, new Collected())) {
      w.append(List.of(e(1, 1, "a"), e(1, 2, "b")), new HardState(1, "n1", 2), true);
      w.append(List.of(e(2, 3, "c")), new HardState(2, "n2", 3), true);
    }
  }

  private Path segment() throws IOException {
    return Wal.segments(dir).get(0);
  }

  @Test
  void replaysEntriesAndTheLastHardState() throws IOException {
    writeThree();
    Collected c = reopen();
    assertThat(c.entries).containsExactly(e(1, 1, "a"), e(1, 2, "b"), e(2, 3, "c"));
    assertThat(c.hs).isEqualTo(new HardState(2, "n2", 3));
  }

  @Test
  void tornTailIsTruncatedAndNeverReplayed() throws IOException {
    writeThree();
    try (Wal w = Wal.open(dir, new Collected())) {
      w.append(List.of(), new HardState(3, "n3", 3), false); // not fsynced
    }
    long size = Files.size(segment());
    try (FileChannel ch = FileChannel.open(segment(), StandardOpenOption.WRITE)) {
      ch.truncate(size - 3); // the unsynced hard-state record loses its last bytes
    }
    Collected c = reopen();
    assertThat(c.entries).hasSize(3);
    assertThat(c.hs).isEqualTo(new HardState(2, "n2", 3));
    assertThat(reopen().entries).hasSize(3); // the truncation made the file clean
  }

  /** Entry 2 was fsynced (the SYNC record after its append says so): truncating it would lose acknowledged data. */
  @Test
  void aCorruptFsyncedRecordRefusesToOpen() throws IOException {
    writeThree();
    byte[] raw = Files.readAllBytes(segment());
    int second = WalRecord.entry(e(1, 1, "a")).length;
    raw[second + WalRecord.HEADER_BYTES + 3] ^= 0x40; // flip a bit inside entry 2's payload
    Files.write(segment(), raw);
    assertThatThrownBy(this::reopen).isInstanceOf(WalCorruptException.class)
        .hasMessageContaining(Wal.name(0) + " is corrupt at offset " + second + ": checksum mismatch");
    assertThat(Files.readAllBytes(segment())).isEqualTo(raw);
  }

  /**
   * The last append before the crash was fsynced and nothing was written after it but its SYNC record: a bad
   * record in it is corruption of acknowledged data, not a torn tail (it was a torn tail before SYNC records
   * were written right after the fsync).
   */
  @Test
  void aCorruptRecordInTheLastFsyncedAppendRefusesToOpen() throws IOException {
    writeThree();
    byte[] raw = Files.readAllBytes(segment());
    int hsAt = raw.length - WalRecord.syncSize() - WalRecord.hardStateSize(new HardState(2, "n2", 3));
    raw[hsAt + WalRecord.HEADER_BYTES] ^= 0x01; // the last append's hard state, fsynced
    Files.write(segment(), raw);
    assertThatThrownBy(this::reopen).isInstanceOf(WalCorruptException.class)
        .hasMessageContaining(Wal.name(0) + " is corrupt at offset " + hsAt + ": checksum mismatch")
        .hasMessageContaining("the sync record at offset " + (raw.length - WalRecord.syncSize()));
    assertThat(Files.readAllBytes(segment())).isEqualTo(raw);
  }

  @Test
  void appendAfterTruncationContinuesCleanly() throws IOException {
    writeThree();
    try (FileChannel ch = FileChannel.open(segment(), StandardOpenOption.WRITE)) {
      ch.position(Files.size(segment()));
      ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 50, 1, 2})); // garbage header
    }
    try (Wal w = Wal.open(dir, new Collected())) {
      w.append(List.of(e(3, 4, "d")), null, true);
    }
    assertThat(reopen().entries).extracting(Entry::index).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void cutStartsFromTheSnapshotAndDropsOldSegments() throws IOException {
    writeThree();
    try (Wal w = Wal.open(dir, new Collected())) {
      w.cut(2, 1, new HardState(2, "n2", 3), List.of(e(2, 3, "c")));
      w.append(List.of(e(2, 4, "d")), null, true);
    }
    Collected c = reopen();
    assertThat(c.snapIndex).isEqualTo(2);
    assertThat(c.entries).extracting(Entry::index).containsExactly(3L, 4L);
    assertThat(Wal.segments(dir)).hasSize(1);
  }
}
