package io.plumbline.store.wal;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replays one WAL segment, checking every record's length and CRC32C; truncates at the first bad one. */
final class WalReader {
  private static final Logger LOG = LoggerFactory.getLogger(WalReader.class);
  /** No record is larger than this (a Ready's entries are written record by record). */
  private static final int MAX_RECORD_BYTES = 64 << 20;

  private WalReader() {}

  /** @return true when the segment ended in a torn or corrupt record (now truncated away) */
  static boolean replay(Path segment, WalReplay sink) throws IOException {
    byte[] all = Files.readAllBytes(segment);
    int good = intactPrefix(all, sink, segment.getFileName().toString());
    if (good == all.length) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(good);
      ch.force(true);
    }
    return true;
  }

  /**
   * Replays the records of {@code all} into {@code sink} up to the first torn or corrupt one
   * (logged); returns the length of the intact prefix ({@code all.length} when every record is whole).
   */
  static int intactPrefix(byte[] all, WalReplay sink, String name) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(all);
    int good = 0;
    String problem = null;
    while (buf.remaining() > 0) {
      if (buf.remaining() < WalRecord.HEADER_BYTES) {
        problem = "torn record header";
        break;
      }
      int len = buf.getInt();
      int crc = buf.getInt();
      byte type = buf.get();
      if (len < 0 || len > MAX_RECORD_BYTES || len > buf.remaining()) {
        problem = "torn record (length " + len + ", " + buf.remaining() + " bytes left)";
        break;
      }
      int off = buf.position();
      if (WalRecord.crc(type, all, off, len) != crc) {
        problem = "checksum mismatch";
        break;
      }
      try {
        deliver(type, ByteBuffer.wrap(all, off, len), sink);
      } catch (java.nio.BufferUnderflowException e) {
        throw new IOException("wal record of type " + type + " shorter than its fields, with a valid checksum", e);
      }
      buf.position(off + len);
      good = buf.position();
    }
    if (problem == null) {
      return all.length;
    }
    LOG.warn("wal: {} in {} at offset {}: truncating {} bytes, the rest is never replayed",
        problem, name, good, all.length - good);
    return good;
  }

  /**
   * Decodes one record's payload ({@code in} spans exactly it) straight from the segment's bytes:
   * recovery reads every record of the log, so no stream or copy per record.
   */
  private static void deliver(byte type, ByteBuffer in, WalReplay sink) throws IOException {
    switch (type) {
      case WalRecord.ENTRY -> {
        long term = in.getLong();
        long index = in.getLong();
        byte[] data = new byte[in.remaining()];
        in.get(data);
        sink.entry(new Entry(term, index, data));
      }
      case WalRecord.HARD_STATE -> {
        long term = in.getLong();
        String vote = readUtf(in);
        sink.hardState(new HardState(term, vote.isEmpty() ? null : vote, in.getLong()));
      }
      case WalRecord.SNAPSHOT -> sink.snapshot(in.getLong(), in.getLong());
      default -> throw new IOException("unknown wal record type " + type + " with a valid checksum");
    }
  }

  /**
   * A string as {@code DataOutput.writeUTF} wrote it: ASCII (member names) decoded directly, anything
   * else by {@link DataInputStream#readUTF} (modified UTF-8).
   */
  private static String readUtf(ByteBuffer in) throws IOException {
    int len = Short.toUnsignedInt(in.getShort());
    if (len > in.remaining()) {
      throw new IOException("hard state vote of " + len + " bytes in a shorter record");
    }
    byte[] b = new byte[len + 2];
    b[0] = (byte) (len >>> 8);
    b[1] = (byte) len;
    in.get(b, 2, len);
    for (int i = 2; i < b.length; i++) {
      if (b[i] <= 0) {
        return new DataInputStream(new ByteArrayInputStream(b)).readUTF();
      }
    }
    return new String(b, 2, len, StandardCharsets.US_ASCII);
  }
}
