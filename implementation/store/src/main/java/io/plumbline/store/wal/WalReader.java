package io.plumbline.store.wal;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
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
      deliver(type, Arrays.copyOfRange(all, off, off + len), sink);
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

  private static void deliver(byte type, byte[] payload, WalReplay sink) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    switch (type) {
      case WalRecord.ENTRY -> {
        long term = in.readLong();
        long index = in.readLong();
        sink.entry(new Entry(term, index, in.readAllBytes()));
      }
      case WalRecord.HARD_STATE -> {
        long term = in.readLong();
        String vote = in.readUTF();
        sink.hardState(new HardState(term, vote.isEmpty() ? null : vote, in.readLong()));
      }
      case WalRecord.SNAPSHOT -> sink.snapshot(in.readLong(), in.readLong());
      default -> throw new IOException("unknown wal record type " + type + " with a valid checksum");
    }
  }
}
