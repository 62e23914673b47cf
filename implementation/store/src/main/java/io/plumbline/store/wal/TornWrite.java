package io.plumbline.store.wal;

import java.nio.ByteBuffer;

/**
 * Tells a torn write from rot in a bad WAL record that no SYNC record vouches for (after a power loss the
 * last fsynced append's SYNC record may be lost with the unsynced tail, so its records are not vouched for).
 * A power loss leaves a write cut short (the file ends inside the record) or sectors it never wrote, which
 * read as zeros (ext4 and XFS expose no stale blocks; etcd assumes the same in {@code isTornEntry}). Media
 * rot changes a byte of data that was written. So a bad record is taken as torn only when the file ends
 * inside it or part of it reads as an unwritten sector, and not when one changed byte would make it valid
 * (unless that byte now reads as zero inside an all-zero sector: an unwritten sector explains it too).
 * Nothing is written for this: no byte, no fsync more per batch; the check runs only on a bad record at open.
 */
final class TornWrite {
  /** The sector size a write is torn at (etcd's {@code minSectorSize}). */
  static final int SECTOR = 512;
  private static final int POLY = 0x82F63B78; // CRC-32C, reflected
  private static final int[] T = new int[256];
  /** {@code INV[T[i] >>> 24] == i}: CRC-32C's table has a distinct top byte per entry. */
  private static final int[] INV = new int[256];

  static {
    java.util.Arrays.fill(INV, -1);
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int k = 0; k < 8; k++) {
        c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
      }
      T[i] = c;
      if (INV[c >>> 24] >= 0) {
        throw new AssertionError("CRC-32C table top bytes are not distinct");
      }
      INV[c >>> 24] = i;
    }
  }

  private TornWrite() {}

  /**
   * Why the bad record at {@code at} is not a torn write, or null when a power loss explains it. {@code at} is
   * where a record's header starts; the reader found its checksum, length or header bad.
   */
  static String notTorn(byte[] all, int at) {
    if (all.length - at < WalRecord.HEADER_BYTES) {
      return null; // the file ends inside its header
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    int len = b.getInt(at);
    int crc = b.getInt(at + 4);
    byte type = all[at + 8];
    int off = at + WalRecord.HEADER_BYTES;
    int room = all.length - off;
    int other = lengthMatching(all, off, room, type, crc, len);
    if (other >= 0) {
      for (int k = 0; k < 4; k++) {
        int p = at + k;
        if (((len ^ other) >>> (24 - 8 * k) & 0xFF) != 0 && !unwritten(all, at, p)) {
          return "its length field says " + len + " bytes, but a payload of " + other
              + " bytes matches its checksum (the length field rotted)";
        }
      }
      return null;
    }
    if (len > room) {
      return null; // the file ends inside it
    }
    if (len < 0) {
      return "its length field is negative (" + len + "), which no unwritten sector reads as";
    }
    int diff = crc(type, all, off, len) ^ crc;
    int changed = oneByte(diff);
    if (changed >= 0) {
      int p = at + 4 + changed;
      return unwritten(all, at, p) ? null
          : "one byte of its checksum field (offset " + p + ") differs from the checksum of its contents";
    }
    int p = oneChangedByte(diff, len + 1);
    if (p >= 0) {
      p += at + 8;
      return unwritten(all, at, p) ? null
          : "a record with byte " + p + " changed (now 0x" + Integer.toHexString(all[p] & 0xFF)
              + ") would be valid: one byte rotted";
    }
    for (int s = at; s < off + len; s = (s / SECTOR + 1) * SECTOR) {
      if (unwritten(all, at, s)) {
        return null;
      }
    }
    return "no part of it reads as an unwritten (all-zero) sector";
  }

  /**
   * The length other than {@code len}, up to {@code room}, whose payload matches {@code crc} and that a rotted
   * length field explains, or -1. Any length matches by chance with probability 2^-32, so a torn record's payload
   * of {@code room} bytes holds such a coincidence with probability about room/2^32 (a false refusal). A length is
   * taken only if it differs from {@code len} in one byte (rot of one byte: at most 1,020 candidates, so a chance
   * match is below 2.4e-7 whatever the tail's size), or if what follows it corroborates it: the file ends exactly
   * there, or a record with a valid checksum starts there (a chance match needs a second 2^-32 coincidence).
   */
  private static int lengthMatching(byte[] all, int off, int room, byte type, int crc, int len) {
    int reg = step(~0, type);
    int max = Math.min(room, 64 << 20);
    for (int l = 0; ; l++) {
      if (l != len && ~reg == crc && (oneByte(len ^ l) >= 0 || endsOrValidRecordAt(all, off + l))) {
        return l;
      }
      if (l == max) {
        return -1;
      }
      reg = step(reg, all[off + l]);
    }
  }

  /** The file ends at {@code at}, or a record with a valid checksum that fits in the file starts there. */
  private static boolean endsOrValidRecordAt(byte[] all, int at) {
    if (at == all.length) {
      return true;
    }
    if (all.length - at < WalRecord.HEADER_BYTES) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    int len = b.getInt(at);
    int off = at + WalRecord.HEADER_BYTES;
    return len >= 0 && len <= all.length - off && crc(all[at + 8], all, off, len) == b.getInt(at + 4);
  }

  /** The CRC-32C of {@code type} then {@code all[off, off + len)}, as {@link WalRecord#crc}. */
  static int crc(byte type, byte[] all, int off, int len) {
    int reg = step(~0, type);
    for (int i = 0; i < len; i++) {
      reg = step(reg, all[off + i]);
    }
    return ~reg;
  }

  private static int step(int reg, byte b) {
    return (reg >>> 8) ^ T[(reg ^ b) & 0xFF];
  }

  /** The index (0 = most significant) of the only nonzero byte of {@code x}, or -1. */
  private static int oneByte(int x) {
    for (int k = 0; k < 4; k++) {
      if (x == (x & (0xFF << (24 - 8 * k)))) {
        return x == 0 ? -1 : k;
      }
    }
    return -1;
  }

  /**
   * Where in a message of {@code m} bytes one changed byte gives the checksum difference {@code diff}, or -1.
   * CRC is linear: a byte error {@code v} with {@code d} bytes after it changes the checksum by {@code T[v]}
   * advanced over {@code d} zero bytes; the difference is undone one zero byte at a time (the step is
   * invertible because the table's top bytes are distinct) until it is a table entry.
   */
  static int oneChangedByte(int diff, int m) {
    int x = diff;
    for (int d = 0; d < m && x != 0; d++) {
      int v = INV[x >>> 24];
      if (T[v] == x) {
        return m - 1 - d;
      }
      x = ((x ^ T[v]) << 8) | v;
    }
    return -1;
  }

  /**
   * Byte {@code p} reads as part of a sector the power loss did not write: it is zero, and so is all of its
   * sector from the bad record at {@code at} on (to the end of the file).
   */
  private static boolean unwritten(byte[] all, int at, int p) {
    int from = Math.max(at, p / SECTOR * SECTOR);
    int to = Math.min(all.length, (p / SECTOR + 1) * SECTOR);
    for (int i = from; i < to; i++) {
      if (all[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
