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
 * Types: {@link #ENTRY} (term, index, data), {@link #HARD_STATE} (term, vote or "", commit),
 * {@link #SNAPSHOT} (index, term of the snapshot the segment starts after).
 */
public final class WalRecord {
  public static final byte ENTRY = 1;
  public static final byte HARD_STATE = 2;
  public static final byte SNAPSHOT = 3;
  /** Header bytes before the payload. */
  public static final int HEADER_BYTES = 9;

  private WalRecord() {}

  static byte[] entry(Entry e) {
    return frame(ENTRY, out -> {
      out.writeLong(e.term());
      out.writeLong(e.index());
      out.write(e.data());
    });
  }

  static byte[] hardState(HardState hs) {
    return frame(HARD_STATE, out -> {
      out.writeLong(hs.term());
      out.writeUTF(hs.vote() == null ? "" : hs.vote());
      out.writeLong(hs.commit());
    });
  }

  static byte[] snapshot(long index, long term) {
    return frame(SNAPSHOT, out -> {
      out.writeLong(index);
      out.writeLong(term);
    });
  }

  interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] frame(byte type, Body body) {
    try {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(payload)) {
        body.write(out);
      }
      byte[] p = payload.toByteArray();
      ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + p.length);
      buf.putInt(p.length).putInt(crc(type, p, 0, p.length)).put(type).put(p);
      return buf.array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int crc(byte type, byte[] payload, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(type);
    c.update(payload, off, len);
    return (int) c.getValue();
  }
}
