package io.plumbline.store.wal;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One WAL record on disk: {@code [int payloadLength][int crc32c(type + payload)][byte type][payload]}.
 * Types: {@link #ENTRY} (term, index, data), {@link #HARD_STATE} (term, vote as {@code
 * DataOutput.writeUTF} or "", commit), {@link #SNAPSHOT} (index, term of the snapshot the segment
 * starts after), {@link #SYNC} (a byte offset in the segment: every byte before it had been fsynced
 * when this record was written).
 *
 * <p>Records are framed in place in the caller's buffer ({@link #putEntry} etc.): the payload is
 * written once, then its length and checksum are filled in before it. The type byte sits right
 * before the payload, so the CRC of {@code type + payload} is one pass over the buffer.
 */
public final class WalRecord {
  public static final byte ENTRY = 1;
  public static final byte HARD_STATE = 2;
  public static final byte SNAPSHOT = 3;
  public static final byte SYNC = 4;
  /** Header bytes before the payload. */
  public static final int HEADER_BYTES = 9;

  private WalRecord() {}

  static int entrySize(Entry e) {
    return HEADER_BYTES + 16 + e.dataLength();
  }

  static void putEntry(ByteBuffer out, Entry e) {
    int start = begin(out, ENTRY);
    out.putLong(e.term()).putLong(e.index()).put(e.dataView());
    end(out, start);
  }

  static int hardStateSize(HardState hs) {
    return HEADER_BYTES + 8 + vote(hs).length + 8;
  }

  static void putHardState(ByteBuffer out, HardState hs) {
    int start = begin(out, HARD_STATE);
    out.putLong(hs.term()).put(vote(hs)).putLong(hs.commit());
    end(out, start);
  }

  static int snapshotSize() {
    return HEADER_BYTES + 16;
  }

  static void putSnapshot(ByteBuffer out, long index, long term) {
    int start = begin(out, SNAPSHOT);
    out.putLong(index).putLong(term);
    end(out, start);
  }

  static int syncSize() {
    return HEADER_BYTES + 8;
  }

  static void putSync(ByteBuffer out, long syncedTo) {
    int start = begin(out, SYNC);
    out.putLong(syncedTo);
    end(out, start);
  }

  /** One entry record as an array (tests look at the layout). */
  static byte[] entry(Entry e) {
    ByteBuffer b = ByteBuffer.allocate(entrySize(e));
    putEntry(b, e);
    return b.array();
  }

  private static int begin(ByteBuffer out, byte type) {
    int start = out.position();
    out.position(start + HEADER_BYTES - 1);
    out.put(type);
    return start;
  }

  private static void end(ByteBuffer out, int start) {
    int typeAt = start + HEADER_BYTES - 1;
    int len = out.position() - typeAt - 1;
    CRC32C c = new CRC32C();
    c.update(out.duplicate().position(typeAt).limit(out.position()));
    out.putInt(start, len).putInt(start + 4, (int) c.getValue());
  }

  /** The vote as {@code DataOutput.writeUTF} writes it (the on-disk format since the first round). */
  static byte[] vote(HardState hs) {
    String v = hs.vote() == null ? "" : hs.vote();
    if (ascii(v)) { // ASCII: modified UTF-8 is the bytes
      byte[] out = new byte[2 + v.length()];
      out[0] = (byte) (v.length() >>> 8);
      out[1] = (byte) v.length();
      for (int i = 0; i < v.length(); i++) {
        out[2 + i] = (byte) v.charAt(i);
      }
      return out;
    }
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream(8);
      try (DataOutputStream out = new DataOutputStream(b)) {
        out.writeUTF(hs.vote() == null ? "" : hs.vote());
      }
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c >= 0x80) {
        return false;
      }
    }
    return s.length() < 0x8000;
  }

  static int crc(byte type, byte[] payload, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(type);
    c.update(payload, off, len);
    return (int) c.getValue();
  }
}
