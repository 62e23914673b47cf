package io.plumbline.store.wal;

import io.plumbline.raft.Snapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files {@code snap-INDEX-TERM.snap}: {@code [int crc32c][data]}, written to a temporary
 * file, fsynced and renamed, so a crash leaves either the old or the new snapshot. Loading takes
 * the newest file whose checksum matches; older ones beyond the newest two are deleted.
 */
public final class SnapshotFiles {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);
  private final Path dir;

  public SnapshotFiles(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  public void save(Snapshot s) throws IOException {
    String name = String.format("snap-%016d-%016d.snap", s.index(), s.term());
    Path tmp = dir.resolve(name + ".tmp");
    byte[] data = s.data();
    CRC32C crc = new CRC32C();
    crc.update(data);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(4 + data.length).putInt((int) crc.getValue()).put(data).flip();
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    syncDir(dir);
    List<Path> all = list();
    for (int i = 0; i < all.size() - 2; i++) {
      Files.delete(all.get(i));
    }
  }

  /** The newest intact snapshot, or {@link Snapshot#EMPTY}. */
  public Snapshot loadNewest() throws IOException {
    List<Path> all = list();
    for (int i = all.size() - 1; i >= 0; i--) {
      Path p = all.get(i);
      byte[] raw = Files.readAllBytes(p);
      CRC32C crc = new CRC32C();
      if (raw.length >= 4) {
        crc.update(raw, 4, raw.length - 4);
      }
      if (raw.length < 4 || ByteBuffer.wrap(raw).getInt() != (int) crc.getValue()) {
        LOG.warn("snapshot: {} is corrupt, ignoring it", p.getFileName());
        continue;
      }
      String[] parts = p.getFileName().toString().split("[-.]");
      return new Snapshot(Long.parseLong(parts[1]), Long.parseLong(parts[2]),
          java.util.Arrays.copyOfRange(raw, 4, raw.length));
    }
    return Snapshot.EMPTY;
  }

  private List<Path> list() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("snap-\\d{16}-\\d{16}\\.snap"))
          .sorted().toList();
    }
  }

  /** fsync a directory so a rename in it is durable. */
  static void syncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some filesystems refuse to open directories; the rename is then as durable as they allow
    }
  }
}
