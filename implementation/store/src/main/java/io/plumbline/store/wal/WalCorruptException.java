package io.plumbline.store.wal;

import java.io.IOException;

/**
 * A WAL segment holds a bad record (checksum mismatch, torn framing, or fields that do not parse) where
 * truncating would lose data: inside the prefix the WAL knows was fsynced, or with a valid record after
 * it that was written by the WAL itself (an unknown type or short fields under a valid checksum). The
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
