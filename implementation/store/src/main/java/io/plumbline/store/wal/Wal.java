package io.plumbline.store.wal;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The write-ahead log: numbered segment files {@code wal-SEQ.log} of {@link WalRecord}s. The node
 * appends one Ready's entries and hard state in a single write and fsyncs when the Ready says
 * {@code mustSync} (one fsync per Ready = group commit). After a snapshot, {@link #cut} starts a
 * new segment holding the snapshot marker, the hard state and the entries still needed, and
 * deletes older segments.
 *
 * <p>The WAL records how far it was fsynced, so that {@link #open} can tell a torn write from lost
 * acknowledged data: right after each fsync returns it writes a {@link WalRecord#SYNC} record holding
 * the segment's length at that fsync (no second fsync: the next one makes it durable), and a cut segment
 * starts with one covering all of it (it is fsynced before it gets its name). {@link #open} replays; a
 * torn or corrupt record past the last such offset is a write the crash cut short: the file is truncated
 * there (logged) and replay goes on with the next segment, if any (written whole by a cut). A bad record
 * before it throws {@link WalCorruptException} naming the file and offset, and the member does not start.
 * A SYNC record never says more than an fsync that had returned covered, so it is sound wherever it
 * lands; after a process crash (the page cache survives) the last fsynced append has its SYNC record,
 * after a power loss that record may be lost with the unsynced tail. A bad record past the proven prefix
 * is therefore truncated only if it has a torn write's shape ({@link TornWrite}: cut short, or unwritten
 * zeroed sectors, and not one changed byte from valid); rot of the last fsynced append refuses too.
 *
 * <p>Failure policy: I/O errors are {@link IOException}s the node treats as fatal (it stops).
 */
public final class Wal implements AutoCloseable {
  /** Ready batches up to this size reuse one direct buffer. */
  private static final int REUSED_BUFFER_MAX_BYTES = 4 << 20;
  private final Path dir;
  private ByteBuffer reused = ByteBuffer.allocateDirect(64 << 10);
  private long seq;
  private FileChannel out;
  /** The current segment's length. */
  private long written;

  private Wal(Path dir, long seq, FileChannel out) throws IOException {
    this.dir = dir;
    this.seq = seq;
    this.out = out;
    this.written = out.size();
  }

  /** Opens (creating if needed) the WAL in {@code dir}, replaying into {@code sink}. */
  public static Wal open(Path dir, WalReplay sink) throws IOException {
    Files.createDirectories(dir);
    List<Path> segments = segments(dir);
    for (Path p : segments) {
      WalReader.replay(p, sink, seqOf(p) > 0 ? 1 : 0);
    }
    long seq = segments.isEmpty() ? 0 : seqOf(segments.get(segments.size() - 1));
    Path last = dir.resolve(name(seq));
    FileChannel ch = FileChannel.open(last, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ch.position(ch.size());
    Wal w = new Wal(dir, seq, ch);
    if (w.written > 0) { // what was replayed may sit in the page cache only: make it durable before a SYNC record says so
      w.syncAndMark();
    }
    return w;
  }

  /** Appends entries then the hard state (either may be empty/null); fsyncs when {@code sync}. */
  public void append(List<Entry> entries, HardState hs, boolean sync) throws IOException {
    int size = hs == null ? 0 : WalRecord.hardStateSize(hs);
    for (Entry e : entries) {
      size += WalRecord.entrySize(e);
    }
    ByteBuffer buf = buffer(size);
    for (Entry e : entries) {
      WalRecord.putEntry(buf, e);
    }
    if (hs != null) {
      WalRecord.putHardState(buf, hs);
    }
    writeFully(buf.flip());
    written += size;
    if (sync) {
      syncAndMark();
    }
  }

  /**
   * Fsyncs, then writes a SYNC record holding the segment's length at that fsync, not fsynced itself:
   * it only vouches for bytes already durable, and survives a crash of the process (the page cache
   * keeps it) or reaches the disk with the next fsync.
   */
  private void syncAndMark() throws IOException {
    out.force(false);
    ByteBuffer buf = buffer(WalRecord.syncSize());
    WalRecord.putSync(buf, written);
    writeFully(buf.flip());
    written += WalRecord.syncSize();
  }

  /** The bytes of the SYNC record {@link #append} writes after an fsync covering the first {@code synced} bytes. */
  public static byte[] syncRecord(long synced) {
    ByteBuffer b = ByteBuffer.allocate(WalRecord.syncSize());
    WalRecord.putSync(b, synced);
    return b.array();
  }

  /**
   * A cleared buffer of at least {@code size} bytes: the reused direct one (the channel writes it
   * without copying it first), grown as needed up to {@link #REUSED_BUFFER_MAX_BYTES}; above that a
   * one-off heap buffer, so one huge Ready does not pin its size in memory.
   */
  private ByteBuffer buffer(int size) {
    if (size > REUSED_BUFFER_MAX_BYTES) {
      return ByteBuffer.allocate(size);
    }
    if (reused.capacity() < size) {
      reused = ByteBuffer.allocateDirect(Math.max(size, reused.capacity() * 2));
    }
    return reused.clear();
  }

  /**
   * Starts a new segment after a snapshot at {@code index}/{@code term}: a SYNC record covering the
   * whole segment, the snapshot marker, hard state and the entries still kept, fsynced, then
   * renamed into place, then removes older segments.
   */
  public void cut(long index, long term, HardState hs, List<Entry> kept) throws IOException {
    long next = seq + 1;
    Path tmp = dir.resolve(name(next) + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(cutRecords(index, term, hs, kept));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(name(next)), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    SnapshotFiles.syncDir(dir);
    out.close();
    for (Path p : segments(dir)) {
      if (seqOf(p) < next) {
        Files.delete(p);
      }
    }
    seq = next;
    out = FileChannel.open(dir.resolve(name(next)), StandardOpenOption.WRITE);
    out.position(out.size());
    written = out.size();
  }

  /** The bytes {@link #append} writes for {@code entries} and {@code hs} (for an in-memory WAL). */
  public static byte[] records(List<Entry> entries, HardState hs) {
    int size = hs == null ? 0 : WalRecord.hardStateSize(hs);
    for (Entry e : entries) {
      size += WalRecord.entrySize(e);
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    for (Entry e : entries) {
      WalRecord.putEntry(b, e);
    }
    if (hs != null) {
      WalRecord.putHardState(b, hs);
    }
    return b.array();
  }

  /**
   * The bytes {@link #cut} starts a new segment with: a SYNC record holding their length (the file
   * only gets its name once they are fsynced), the snapshot marker, the hard state, the kept entries.
   */
  public static byte[] cutRecords(long index, long term, HardState hs, List<Entry> kept) {
    byte[] rest = records(kept, hs);
    int size = WalRecord.syncSize() + WalRecord.snapshotSize() + rest.length;
    ByteBuffer b = ByteBuffer.allocate(size);
    WalRecord.putSync(b, size);
    WalRecord.putSnapshot(b, index, term);
    return b.put(records(List.of(), hs)).put(records(kept, null)).array();
  }

  /**
   * Replays an in-memory segment as {@link #open} replays a file (same records, same checks);
   * returns the length of its intact prefix, the rest being a torn or corrupt tail past the fsynced
   * prefix ({@link WalCorruptException} for a bad record inside it).
   */
  public static int replay(byte[] segment, WalReplay sink) throws IOException {
    return WalReader.intactPrefix(segment, sink, "in-memory segment", 0);
  }

  private void writeFully(ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  static String name(long seq) {
    return String.format("wal-%016d.log", seq);
  }

  static long seqOf(Path p) {
    String n = p.getFileName().toString();
    return Long.parseLong(n.substring(4, n.length() - 4));
  }

  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("wal-\\d{16}\\.log"))
          .sorted().toList();
    }
  }
}
