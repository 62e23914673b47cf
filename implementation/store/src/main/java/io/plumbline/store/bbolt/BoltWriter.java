package io.plumbline.store.bbolt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes a database file in bbolt's format (go.etcd.io/bbolt 1.3, the format of etcd's backend and of its
 * snapshots), so that bbolt opens it and {@code tx.Check()} finds nothing wrong. Written once, never updated:
 *
 * <ul>
 *   <li>pages of {@link #PAGE_SIZE} bytes, little-endian (bbolt writes its structs in the machine's order; etcd
 *       runs on little-endian machines); a page is {@code id u64, flags u16, count u16, overflow u32} and its
 *       body; a page longer than one page size says how many more it spans in {@code overflow};</li>
 *   <li>pages 0 and 1: the two meta pages ({@code magic 0xED0CDAED, version 2, pageSize, flags, root bucket
 *       (root pgid, sequence), freelist pgid, high-water pgid, txid, checksum}: FNV-1a 64 of the 56 bytes before
 *       it); bbolt takes the valid one with the higher txid;</li>
 *   <li>page 2: an empty freelist (every page below the high-water mark is in use, as Check requires);</li>
 *   <li>then each bucket's B+tree: leaf pages of elements {@code flags u32, pos u32, ksize u32, vsize u32} with
 *       {@code pos} counted from the element itself, branch pages of {@code pos u32, ksize u32, pgid u64} whose
 *       key is the first key below; a bucket is a leaf element with flag 1 whose value is {@code root pgid u64,
 *       sequence u64}, followed (when root is 0) by the bucket's whole leaf page inline, as bbolt does for a
 *       bucket of at most a quarter page;</li>
 *   <li>the root bucket of the file holds the top-level buckets (it is never inline).</li>
 * </ul>
 * Keys compare as unsigned bytes (Go's {@code bytes.Compare}).
 */
public final class BoltWriter {
  public static final int PAGE_SIZE = 4096;
  static final int MAGIC = 0xED0CDAED;
  static final int VERSION = 2;
  static final int HEADER = 16;
  static final int ELEMENT = 16;
  static final int BRANCH_PAGE = 0x01;
  static final int LEAF_PAGE = 0x02;
  static final int META_PAGE = 0x04;
  static final int FREELIST_PAGE = 0x10;
  static final int BUCKET_LEAF = 0x01;
  /** The offset of meta's checksum field: what the checksum covers. */
  static final int META_CHECKSUM_OFFSET = 56;
  private static final int FREELIST_PGID = 2;
  private static final int FIRST_DATA_PGID = 3;

  /** Unsigned lexicographic byte order, as bbolt sorts keys. */
  public static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

  private final ByteArrayOutputStream data = new ByteArrayOutputStream();
  private long nextPgid = FIRST_DATA_PGID;

  private BoltWriter() {}

  /** One leaf element: a key and its value; a bucket when {@code flags} is {@link #BUCKET_LEAF}. */
  private record Entry(byte[] key, byte[] value, int flags) {}

  /** A placed page: its first key (for the branch above) and its id. */
  private record Placed(byte[] firstKey, long pgid) {}

  /**
   * The whole file: the top-level buckets by name, each a map of keys to values, all sorted by
   * {@link #KEY_ORDER}. {@code txid} goes into the meta pages (etcd's snapshot carries its backend's).
   */
  public static byte[] write(SortedMap<byte[], SortedMap<byte[], byte[]>> buckets, long txid) {
    BoltWriter w = new BoltWriter();
    List<Entry> top = new ArrayList<>();
    for (Map.Entry<byte[], SortedMap<byte[], byte[]>> b : buckets.entrySet()) {
      top.add(new Entry(b.getKey(), w.bucketValue(entries(b.getValue())), BUCKET_LEAF));
    }
    long root = w.tree(top);
    long highWater = w.nextPgid;
    ByteBuffer file = ByteBuffer.allocate(Math.toIntExact(highWater * PAGE_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
    meta(file, 0, root, highWater, Math.max(0, txid - 1));
    meta(file, 1, root, highWater, txid);
    header(file, FREELIST_PGID * PAGE_SIZE, FREELIST_PGID, FREELIST_PAGE, 0, 0);
    file.position(FIRST_DATA_PGID * PAGE_SIZE);
    file.put(w.data.toByteArray());
    return file.array();
  }

  private static List<Entry> entries(SortedMap<byte[], byte[]> kvs) {
    List<Entry> out = new ArrayList<>(kvs.size());
    kvs.forEach((k, v) -> out.add(new Entry(k, v, 0)));
    return out;
  }

  /** A bucket's value in its parent: inline when small (as bbolt's {@code inlineable}), else a tree of its own. */
  private byte[] bucketValue(List<Entry> entries) {
    int size = leafSize(entries);
    if (size <= PAGE_SIZE / 4) {
      ByteBuffer b = ByteBuffer.allocate(16 + size).order(ByteOrder.LITTLE_ENDIAN);
      b.putLong(0).putLong(0);
      leaf(b, 16, 0, entries);
      return b.array();
    }
    return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(tree(entries)).putLong(0).array();
  }

  /** Lays out a B+tree over {@code entries}; its root page id. */
  private long tree(List<Entry> entries) {
    List<Placed> level = new ArrayList<>();
    for (List<Entry> chunk : chunks(entries, e -> ELEMENT + e.key().length + e.value().length)) {
      level.add(placeLeaf(chunk));
    }
    if (level.isEmpty()) {
      level.add(placeLeaf(List.of()));
    }
    while (level.size() > 1) {
      List<Placed> up = new ArrayList<>();
      for (List<Placed> chunk : chunks(level, p -> ELEMENT + p.firstKey().length)) {
        up.add(placeBranch(chunk));
      }
      level = up;
    }
    return level.get(0).pgid();
  }

  /** Consecutive runs whose elements fit one page (a single element larger than a page gets its own run). */
  private static <T> List<List<T>> chunks(List<T> items, java.util.function.ToIntFunction<T> size) {
    List<List<T>> out = new ArrayList<>();
    List<T> run = new ArrayList<>();
    int used = HEADER;
    for (T t : items) {
      int s = size.applyAsInt(t);
      if (!run.isEmpty() && used + s > PAGE_SIZE) {
        out.add(run);
        run = new ArrayList<>();
        used = HEADER;
      }
      run.add(t);
      used += s;
    }
    if (!run.isEmpty()) {
      out.add(run);
    }
    return out;
  }

  private static int leafSize(List<Entry> entries) {
    int size = HEADER;
    for (Entry e : entries) {
      size += ELEMENT + e.key().length + e.value().length;
    }
    return size;
  }

  private Placed placeLeaf(List<Entry> entries) {
    long id = nextPgid;
    ByteBuffer page = allocatePages(leafSize(entries));
    leaf(page, 0, id, entries);
    return append(page, entries.isEmpty() ? new byte[0] : entries.get(0).key(), id);
  }

  private Placed placeBranch(List<Placed> children) {
    int size = HEADER;
    for (Placed c : children) {
      size += ELEMENT + c.firstKey().length;
    }
    long id = nextPgid;
    ByteBuffer page = allocatePages(size);
    header(page, 0, id, BRANCH_PAGE, children.size(), overflow(page));
    int dataAt = HEADER + ELEMENT * children.size();
    for (int i = 0; i < children.size(); i++) {
      int elementAt = HEADER + ELEMENT * i;
      Placed c = children.get(i);
      page.putInt(elementAt, dataAt - elementAt).putInt(elementAt + 4, c.firstKey().length)
          .putLong(elementAt + 8, c.pgid());
      page.put(dataAt, c.firstKey());
      dataAt += c.firstKey().length;
    }
    return append(page, children.get(0).firstKey(), id);
  }

  /** A leaf page (header, elements, then keys and values) at {@code at} in {@code b}. */
  private static void leaf(ByteBuffer b, int at, long id, List<Entry> entries) {
    int pages = (b.capacity() - at + PAGE_SIZE - 1) / PAGE_SIZE;
    header(b, at, id, LEAF_PAGE, entries.size(), id == 0 ? 0 : pages - 1);
    int dataAt = at + HEADER + ELEMENT * entries.size();
    for (int i = 0; i < entries.size(); i++) {
      int elementAt = at + HEADER + ELEMENT * i;
      Entry e = entries.get(i);
      b.putInt(elementAt, e.flags()).putInt(elementAt + 4, dataAt - elementAt)
          .putInt(elementAt + 8, e.key().length).putInt(elementAt + 12, e.value().length);
      b.put(dataAt, e.key());
      b.put(dataAt + e.key().length, e.value());
      dataAt += e.key().length + e.value().length;
    }
  }

  private ByteBuffer allocatePages(int bytes) {
    int pages = Math.max(1, (bytes + PAGE_SIZE - 1) / PAGE_SIZE);
    nextPgid += pages;
    return ByteBuffer.allocate(pages * PAGE_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int overflow(ByteBuffer page) {
    return page.capacity() / PAGE_SIZE - 1;
  }

  private Placed append(ByteBuffer page, byte[] firstKey, long id) {
    data.writeBytes(page.array());
    return new Placed(firstKey, id);
  }

  private static void header(ByteBuffer b, int at, long id, int flags, int count, int overflow) {
    if (count > 0xFFFF) {
      throw new IllegalStateException("page " + id + " holds " + count + " elements; bbolt's count is 16 bits");
    }
    b.putLong(at, id).putShort(at + 8, (short) flags).putShort(at + 10, (short) count).putInt(at + 12, overflow);
  }

  private static void meta(ByteBuffer file, int pgid, long root, long highWater, long txid) {
    int at = pgid * PAGE_SIZE;
    header(file, at, pgid, META_PAGE, 0, 0);
    int m = at + HEADER;
    file.putInt(m, MAGIC).putInt(m + 4, VERSION).putInt(m + 8, PAGE_SIZE).putInt(m + 12, 0)
        .putLong(m + 16, root).putLong(m + 24, 0).putLong(m + 32, FREELIST_PGID).putLong(m + 40, highWater)
        .putLong(m + 48, txid);
    file.putLong(m + META_CHECKSUM_OFFSET, fnv1a64(file.array(), m, META_CHECKSUM_OFFSET));
  }

  /** FNV-1a, 64 bits (Go's hash/fnv New64a), over {@code len} bytes from {@code from}. */
  static long fnv1a64(byte[] b, int from, int len) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < from + len; i++) {
      h ^= b[i] & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
