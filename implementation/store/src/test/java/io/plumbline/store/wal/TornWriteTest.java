package io.plumbline.store.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.Entry;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The torn-or-rot classifier's CRC arithmetic agrees with {@link WalRecord#crc} and finds every one-byte change. */
class TornWriteTest {
  @Test
  void itsCrcIsTheRecordsCrc() {
    Random r = new Random(1);
    for (int n = 0; n < 300; n += 7) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      assertThat(TornWrite.crc((byte) 3, b, 0, n)).isEqualTo(WalRecord.crc((byte) 3, b, 0, n));
    }
  }

  /** Every byte of a 700-byte record (type, payload) changed to every other value is located exactly. */
  @Test
  void everyOneByteChangeIsLocated() {
    byte[] rec = WalRecord.entry(new Entry(3, 41, new byte[675]));
    int off = WalRecord.HEADER_BYTES;
    int len = rec.length - off;
    int stored = WalRecord.crc(rec[off - 1], rec, off, len);
    for (int p = off - 1; p < rec.length; p++) {
      for (int v = 1; v < 256; v++) {
        byte[] bad = rec.clone();
        bad[p] ^= (byte) v;
        int diff = TornWrite.crc(bad[off - 1], bad, off, len) ^ stored;
        assertThat(TornWrite.oneChangedByte(diff, len + 1)).as("byte %d xor %d", p, v).isEqualTo(p - (off - 1));
      }
    }
  }

  @Test
  void aZeroedSectorIsTornAFlipIsNot() {
    byte[] rec = WalRecord.entry(new Entry(3, 41, "value".getBytes()));
    int at = TornWrite.SECTOR - 12; // the record straddles a sector boundary 12 bytes in
    byte[] file = new byte[at + rec.length];
    java.util.Arrays.fill(file, 0, at, (byte) 7);
    System.arraycopy(rec, 0, file, at, rec.length);
    byte[] zeroed = file.clone();
    java.util.Arrays.fill(zeroed, TornWrite.SECTOR, zeroed.length, (byte) 0); // the second sector never written
    assertThat(TornWrite.notTorn(zeroed, at)).isNull();
    byte[] oneOfItsBytesZeroed = file.clone();
    assertThat(oneOfItsBytesZeroed[at + 24]).isEqualTo((byte) 41); // the index's low byte
    oneOfItsBytesZeroed[at + 24] = 0; // rotted to 0, but the rest of its sector is not zero: rot
    assertThat(TornWrite.notTorn(oneOfItsBytesZeroed, at)).isNotNull();
    byte[] flipped = rec.clone();
    flipped[20] ^= 0x04;
    assertThat(TornWrite.notTorn(flipped, 0)).contains("byte 20 changed");
    byte[] cut = java.util.Arrays.copyOf(rec, rec.length - 3);
    assertThat(TornWrite.notTorn(cut, 0)).isNull();
  }
}
