package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import java.util.Set;
import java.util.TreeSet;

/**
 * A lease as the replicated state knows it: id, granted TTL and the keys attached. When it
 * expires is not replicated state: only the leader's lessor tracks deadlines.
 */
public final class Lease {
  private final long id;
  private final long ttlSeconds;
  private final TreeSet<ByteString> keys = new TreeSet<>(KeyRange.ORDER);

  Lease(long id, long ttlSeconds) {
    this.id = id;
    this.ttlSeconds = ttlSeconds;
  }

  public long id() {
    return id;
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  /** The attached keys, in key order (a read-only view). */
  public Set<ByteString> keys() {
    return java.util.Collections.unmodifiableSet(keys);
  }

  void attach(ByteString key) {
    keys.add(key);
  }

  void detach(ByteString key) {
    keys.remove(key);
  }
}
