package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.plumbline.store.bbolt.BoltWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The store's state as etcd 3.4's backend buckets ({@code mvcc/kvstore.go}, {@code lease/lessor.go}): what etcd
 * writes into its bbolt file and therefore into a snapshot.
 *
 * <ul>
 *   <li>{@code key}: one entry per retained version, keyed by its revision — main revision (8 bytes big-endian),
 *       {@code '_'}, sub-revision (8 bytes big-endian; the write's position within its revision), and a
 *       trailing {@code 't'} for a deletion — valued by the {@code mvccpb.KeyValue} (a deletion's holds the key
 *       only);</li>
 *   <li>{@code meta}: {@code consistent_index} (the applied Raft index, 8 bytes big-endian) and, after a
 *       compaction, {@code scheduledCompactRev} and {@code finishedCompactRev} (a revision as above);</li>
 *   <li>{@code lease}: lease id (8 bytes big-endian) to {@code leasepb.Lease} (ID 1, TTL 2);</li>
 *   <li>{@code alarm}, {@code auth}, {@code authRoles}, {@code authUsers}: empty (no alarms, auth off).</li>
 * </ul>
 * Membership ({@code members}, {@code members_removed}, {@code cluster}) is the caller's to add.
 */
public final class BackendBuckets {
  private BackendBuckets() {}

  /** Bucket names to sorted contents, ready for {@link BoltWriter}. */
  public static SortedMap<byte[], SortedMap<byte[], byte[]>> of(MvccStore m, long consistentIndex) {
    SortedMap<byte[], SortedMap<byte[], byte[]>> b = new TreeMap<>(BoltWriter.KEY_ORDER);
    b.put(name("key"), keys(m));
    SortedMap<byte[], byte[]> meta = bucket();
    meta.put(name("consistent_index"), ByteBuffer.allocate(8).putLong(consistentIndex).array());
    if (m.compactRevision > 0) {
      meta.put(name("scheduledCompactRev"), revision(m.compactRevision, 0, false));
      meta.put(name("finishedCompactRev"), revision(m.compactRevision, 0, false));
    }
    b.put(name("meta"), meta);
    b.put(name("lease"), leases(m));
    for (String empty : List.of("alarm", "auth", "authRoles", "authUsers")) {
      b.put(name(empty), bucket());
    }
    return b;
  }

  public static SortedMap<byte[], byte[]> bucket() {
    return new TreeMap<>(BoltWriter.KEY_ORDER);
  }

  public static byte[] name(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static SortedMap<byte[], byte[]> keys(MvccStore m) {
    Map<Long, List<ByteString>> writtenAt = new HashMap<>();
    m.keys.forEach((key, h) -> h.versions().forEach(v -> writtenAt.computeIfAbsent(v.modRevision(),
        r -> new ArrayList<>()).add(key)));
    SortedMap<byte[], byte[]> out = bucket();
    m.keys.forEach((key, h) -> {
      for (KeyHistory.Version v : h.versions()) {
        long sub = subRevision(m, v.modRevision(), key, writtenAt.get(v.modRevision()));
        KeyValue kv = v.kv() == null ? KeyValue.newBuilder().setKey(key).build() : v.kv();
        out.put(revision(v.modRevision(), sub, v.kv() == null), kv.toByteArray());
      }
    });
    return out;
  }

  /**
   * The write's position among its revision's writes: from the revision's events while they are kept; after a
   * compaction dropped them, the key's rank among the keys that revision still holds (order within a revision
   * is then no longer known; key order keeps sub-revisions distinct and deterministic).
   */
  private static long subRevision(MvccStore m, long revision, ByteString key, List<ByteString> keysAtRevision) {
    RevisionEvents e = m.events.get(revision);
    if (e != null) {
      List<Event> events = e.events();
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).getKv().getKey().equals(key)) {
          return i;
        }
      }
    }
    return keysAtRevision.indexOf(key); // m.keys is iterated in key order: the list is too
  }

  /** etcd's revToBytes, with the tombstone mark. */
  static byte[] revision(long main, long sub, boolean tombstone) {
    ByteBuffer b = ByteBuffer.allocate(tombstone ? 18 : 17).putLong(main).put((byte) '_').putLong(sub);
    if (tombstone) {
      b.put((byte) 't');
    }
    return b.array();
  }

  private static SortedMap<byte[], byte[]> leases(MvccStore m) {
    SortedMap<byte[], byte[]> out = bucket();
    for (Lease l : m.leases.values()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream c = CodedOutputStream.newInstance(bytes);
      try {
        c.writeInt64(1, l.id());
        c.writeInt64(2, l.ttlSeconds());
        c.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.put(ByteBuffer.allocate(8).putLong(l.id()).array(), bytes.toByteArray());
    }
    return out;
  }
}
