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

/**
 * Replays one WAL segment, checking every record's length and CRC32C. At the first bad record it decides
 * torn tail or corruption by what the segment says was fsynced ({@link WalRecord#SYNC} records): a bad
 * record that starts at or past the last fsynced offset is a write the crash cut short, and the segment
 * is truncated there (logged); one that starts before it, in bytes an fsync had covered, is corruption of
 * acknowledged data and throws {@link WalCorruptException}. SYNC records past the bad one are looked for
 * at every later offset, since a bad record's length field cannot be trusted to find the next one. Past the
 * proven prefix a bad record is truncated only if it has a torn write's shape ({@link TornWrite}): after a power
 * loss the last fsynced append is past it (its SYNC record was lost with the unsynced tail), and a rotten
 * byte there must refuse too.
 */
final class WalReader {
  private static final Logger LOG = LoggerFactory.getLogger(WalReader.class);
  /** No record is larger than this (a Ready's entries are written record by record). */
  private static final int MAX_RECORD_BYTES = 64 << 20;

  private WalReader() {}

  /**
   * @param knownSynced bytes known fsynced before reading (1 for a segment a cut wrote: it got its
   *     name only after an fsync, so even a bad first record is corruption)
   * @return true when the segment ended in a torn or corrupt unsynced tail (now truncated away)
   */
  static boolean replay(Path segment, WalReplay sink, long knownSynced) throws IOException {
    byte[] all = Files.readAllBytes(segment);
    int good = intactPrefix(all, sink, segment.getFileName().toString(), knownSynced);
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
   * Replays the records of {@code all} into {@code sink} up to the first torn or corrupt one; returns the
   * length of the intact prefix ({@code all.length} when every record is whole). A bad record inside the
   * fsynced prefix, and a record with a valid checksum whose fields do not parse, throw
   * {@link WalCorruptException} naming {@code name} and the record's offset.
   */
  static int intactPrefix(byte[] all, WalReplay sink, String name, long knownSynced) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(all);
    int good = 0;
    long synced = knownSynced;
    String problem = all.length < knownSynced ? "empty segment" : null;
    while (problem == null && buf.remaining() > 0) {
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
        if (type == WalRecord.SYNC) {
          synced = Math.max(synced, syncedTo(ByteBuffer.wrap(all, off, len), all.length, name, good));
        } else {
          deliver(type, ByteBuffer.wrap(all, off, len), sink);
        }
      } catch (java.nio.BufferUnderflowException e) {
        throw new WalCorruptException(name, good, "record of type " + type + " shorter than its fields, with a valid checksum");
      } catch (UnparsableRecord e) {
        throw new WalCorruptException(name, good, e.getMessage());
      }
      buf.position(off + len);
      good = buf.position();
    }
    if (problem == null) {
      return all.length;
    }
    if (good < synced) {
      throw new WalCorruptException(name, good, problem + (synced == knownSynced
          ? " in a segment written by a cut, fsynced before it got its name"
          : " in the first " + synced + " bytes, which were fsynced"));
    }
    int mark = laterSyncRecord(all, good);
    if (mark >= 0) {
      throw new WalCorruptException(name, good, problem + "; the sync record at offset " + mark + " says the first "
          + ByteBuffer.wrap(all, mark + WalRecord.HEADER_BYTES, 8).getLong() + " bytes were fsynced");
    }
    String rot = TornWrite.notTorn(all, good);
    if (rot != null) {
      throw new WalCorruptException(name, good, problem + " past the fsynced prefix of " + synced
          + " bytes that SYNC records prove, but not a torn write: " + rot);
    }
    LOG.warn("wal: {} in {} at offset {}, past the fsynced prefix of {} bytes: truncating {} bytes, the rest is never replayed",
        problem, name, good, synced, all.length - good);
    return good;
  }

  /** A SYNC record's offset, checked against the segment's length (a shorter segment lost fsynced bytes). */
  private static long syncedTo(ByteBuffer in, int length, String name, int at) throws IOException {
    long to = in.getLong();
    if (in.hasRemaining() || to < 0 || to > length) {
      throw new WalCorruptException(name, at, "a sync record says the first " + to + " bytes were fsynced, the segment has "
          + length);
    }
    return to;
  }

  /**
   * The offset of a valid SYNC record after {@code bad} that says bytes past {@code bad} were fsynced, or -1.
   * Every offset is tried: the bad record's length field may be what the corruption hit.
   */
  private static int laterSyncRecord(byte[] all, int bad) {
    ByteBuffer b = ByteBuffer.wrap(all);
    int size = WalRecord.syncSize();
    for (int at = bad + 1; at + size <= all.length; at++) {
      if (b.getInt(at) == 8 && b.get(at + 8) == WalRecord.SYNC
          && WalRecord.crc(WalRecord.SYNC, all, at + WalRecord.HEADER_BYTES, 8) == b.getInt(at + 4)
          && b.getLong(at + WalRecord.HEADER_BYTES) > bad) {
        return at;
      }
    }
    return -1;
  }

  /** Fields that do not parse under a valid checksum. */
  private static final class UnparsableRecord extends Exception {
    UnparsableRecord(String why) {
      super(why);
    }
  }

  /**
   * Decodes one record's payload ({@code in} spans exactly it) straight from the segment's bytes:
   * recovery reads every record of the log, so no stream or copy per record.
   */
  private static void deliver(byte type, ByteBuffer in, WalReplay sink) throws UnparsableRecord {
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
      default -> throw new UnparsableRecord("unknown record type " + type + " with a valid checksum");
    }
  }

  /**
   * A string as {@code DataOutput.writeUTF} wrote it: ASCII (member names) decoded directly, anything
   * else by {@link DataInputStream#readUTF} (modified UTF-8).
   */
  private static String readUtf(ByteBuffer in) throws UnparsableRecord {
    int len = Short.toUnsignedInt(in.getShort());
    if (len > in.remaining()) {
      throw new UnparsableRecord("hard state vote of " + len + " bytes in a shorter record");
    }
    byte[] b = new byte[len + 2];
    b[0] = (byte) (len >>> 8);
    b[1] = (byte) len;
    in.get(b, 2, len);
    for (int i = 2; i < b.length; i++) {
      if (b[i] <= 0) {
        try {
          return new DataInputStream(new ByteArrayInputStream(b)).readUTF();
        } catch (IOException e) {
          throw new UnparsableRecord("hard state vote is not modified UTF-8: " + e.getMessage());
        }
      }
    }
    return new String(b, 2, len, StandardCharsets.US_ASCII);
  }
}
