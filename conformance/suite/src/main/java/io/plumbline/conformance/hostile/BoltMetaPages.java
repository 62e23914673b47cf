package io.plumbline.conformance.hostile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the two meta pages that open every bbolt database file (etcd's backend and its snapshots), as bbolt's
 * {@code meta.validate} does: page flag 0x04, magic 0xED0CDAED, version 2, and the FNV-1a 64 checksum of the meta
 * fields. Also checks what a reader relies on next: the page size is a power of two that the two pages agree on,
 * their transaction ids differ, and the root bucket and freelist pages lie below the high-water page id that the
 * file must hold. The snapshot check falls back to this when etcdctl is not installed.
 */
final class BoltMetaPages {
  static final int MAGIC = 0xED0CDAED;
  static final int VERSION = 2;
  static final int META_FLAG = 0x04;
  /** Page header: id u64, flags u16, count u16, overflow u32. */
  static final int PAGE_HEADER = 16;
  /** Meta fields before the checksum: magic, version, page size, flags (u32 each), root {pgid, sequence}, freelist, pgid, txid (u64 each). */
  static final int META_FIELDS = 4 * 4 + 8 * 2 + 8 * 3;

  private BoltMetaPages() {}

  /** The problems found in {@code db} (the database without etcd's SHA-256 trailer); empty when both pages are valid. */
  static List<String> problems(byte[] db) {
    List<String> problems = new ArrayList<>();
    if (db.length < PAGE_HEADER + META_FIELDS + 8) {
      problems.add("the file is " + db.length + " bytes, too short for a bbolt meta page");
      return problems;
    }
    ByteBuffer b = ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN);
    int pageSize = b.getInt(PAGE_HEADER + 8);
    if (pageSize < 512 || Integer.bitCount(pageSize) != 1 || (long) 2 * pageSize > db.length) {
      problems.add("meta page 0 gives page size " + pageSize + " for a file of " + db.length + " bytes");
      return problems;
    }
    long[] txids = new long[2];
    for (int page = 0; page < 2; page++) {
      int at = page * pageSize;
      String name = "meta page " + page;
      long id = b.getLong(at);
      int flags = b.getShort(at + 8) & 0xffff;
      int m = at + PAGE_HEADER;
      if (id != page) {
        problems.add(name + " has page id " + id);
      }
      if (flags != META_FLAG) {
        problems.add(name + " has flags 0x" + Integer.toHexString(flags) + ", not 0x04 (meta)");
      }
      if (b.getInt(m) != MAGIC) {
        problems.add(name + " has magic 0x" + Integer.toHexString(b.getInt(m)) + ", not 0xed0cdaed");
      }
      if (b.getInt(m + 4) != VERSION) {
        problems.add(name + " has version " + b.getInt(m + 4) + ", not 2");
      }
      if (b.getInt(m + 8) != pageSize) {
        problems.add(name + " has page size " + b.getInt(m + 8) + ", meta page 0 " + pageSize);
      }
      long root = b.getLong(m + 16);
      long freelist = b.getLong(m + 32);
      long highWater = b.getLong(m + 40);
      txids[page] = b.getLong(m + 48);
      long checksum = b.getLong(m + META_FIELDS);
      long computed = fnv1a64(db, m, META_FIELDS);
      if (checksum != computed) {
        problems.add(name + " checksum 0x" + Long.toHexString(checksum) + " != FNV-1a 0x" + Long.toHexString(computed));
      }
      if (root < 2 || root >= highWater) {
        problems.add(name + ": root bucket page " + root + " outside [2, " + highWater + ")");
      }
      if (freelist < 2 || freelist >= highWater) {
        problems.add(name + ": freelist page " + freelist + " outside [2, " + highWater + ")");
      }
      if (highWater * pageSize > db.length) {
        problems.add(name + ": " + highWater + " pages of " + pageSize + " bytes, but the file is " + db.length + " bytes");
      }
    }
    if (problems.isEmpty() && txids[0] == txids[1]) {
      problems.add("both meta pages have transaction id " + txids[0]);
    }
    return problems;
  }

  /** bbolt's meta.sum64: FNV-1a 64 over the meta fields. */
  static long fnv1a64(byte[] data, int from, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < from + length; i++) {
      h ^= data[i] & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
