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

  /**
   * A torn record whose payload happens to hold a prefix matching its checksum (forged here; by chance it happens
   * with probability about its length / 2^32) is torn, not a rotted length field: the prefix's length differs from
   * the length field in two bytes and nothing after it corroborates it. The same record with its length field
   * rotted in one byte, or in two bytes with a valid record after its true end, is rot of its length field.
   */
  @Test
  void aChecksumMatchingPrefixOfATornRecordIsNotTakenForARottedLength() {
    int prefix = 250; // 0x0FA; the whole payload is 260 = 0x104 bytes: two bytes of the length differ
    byte[] rec = forgedRecord(prefix, 260);
    int off = WalRecord.HEADER_BYTES;
    assertThat(TornWrite.crc(WalRecord.ENTRY, rec, off, prefix)).isEqualTo(TornWrite.crc(WalRecord.ENTRY, rec, off, 260));
    byte[] cut = java.util.Arrays.copyOf(rec, off + prefix + 2); // a power loss cut it 2 bytes past the prefix
    assertThat(TornWrite.notTorn(cut, 0)).isNull();
    byte[] rotted = rec.clone();
    rotted[3] = (byte) 0xFE; // the length field's low byte rotted: 0x104 -> 0x1FE, past the end of the file
    byte[] rottedAndCut = java.util.Arrays.copyOf(rotted, off + 260 + 3);
    assertThat(TornWrite.notTorn(rottedAndCut, 0)).contains("the length field rotted");
    byte[] next = WalRecord.entry(new Entry(3, 42, "next".getBytes()));
    byte[] followed = java.util.Arrays.copyOf(rec, rec.length + next.length); // a valid record follows it and
    System.arraycopy(next, 0, followed, rec.length, next.length);
    java.nio.ByteBuffer.wrap(followed).putInt(0, 0x2F2); // its length field rotted in two bytes (0x104 -> 0x2F2):
    assertThat(TornWrite.notTorn(followed, 0)).contains("a payload of 260 bytes matches"); // corroborated: rot
  }

  /**
   * An entry record of {@code len} payload bytes whose first {@code prefix} bytes have the whole payload's CRC-32C:
   * the 4 bytes before the end are chosen so that the register returns to its value after the prefix.
   */
  private static byte[] forgedRecord(int prefix, int len) {
    byte[] data = new byte[len - 16];
    new Random(7).nextBytes(data);
    byte[] rec = WalRecord.entry(new Entry(3, 41, data));
    int off = WalRecord.HEADER_BYTES;
    int[] t = new int[256];
    int[] inv = new int[256];
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
      }
      t[i] = c;
      inv[c >>> 24] = i;
    }
    int target = ~TornWrite.crc(WalRecord.ENTRY, rec, off, prefix); // the register after the prefix
    int reg = ~TornWrite.crc(WalRecord.ENTRY, rec, off, len - 4); // the register before the 4 forged bytes
    int[] idx = new int[4];
    int cur = target;
    for (int i = 3; i >= 0; i--) { // the table indices that make the last 4 steps end at the target
      idx[i] = inv[cur >>> 24];
      cur = (cur ^ t[idx[i]]) << 8;
    }
    for (int i = 0; i < 4; i++) {
      rec[off + len - 4 + i] = (byte) ((reg ^ idx[i]) & 0xFF);
      reg = (reg >>> 8) ^ t[idx[i]];
    }
    java.nio.ByteBuffer.wrap(rec).putInt(4, TornWrite.crc(WalRecord.ENTRY, rec, off, len));
    return rec;
  }
}
