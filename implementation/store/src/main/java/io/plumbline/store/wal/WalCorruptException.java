package io.plumbline.store.wal;

import java.io.IOException;

/**
 * A WAL segment holds a bad record (checksum mismatch, torn framing, or fields that do not parse) where
 * truncating could lose acknowledged data: inside the prefix the WAL knows was fsynced, with a valid SYNC
 * record after it, under a valid checksum (an unknown type or short fields), or past the known prefix but
 * without a torn write's shape ({@link TornWrite}: after a power loss the last fsynced append is there). The
 * member refuses to start, as etcd does on {@code ErrCRCMismatch}; it needs its data directory
 * restored from a backup or rebuilt from its peers.
 */
public final class WalCorruptException extends IOException {
  private final String file;
  private final long offset;

  WalCorruptException(String file, long offset, String why) {
    super("wal: " + file + " is corrupt at offset " + offset + ": " + why
        + "; refusing to open (truncating there would lose acknowledged data)");
    this.file = file;
    this.offset = offset;
  }

  /** The segment's file name. */
  public String file() {
    return file;
  }

  /** Where the bad record starts in the segment. */
  public long offset() {
    return offset;
  }
}
