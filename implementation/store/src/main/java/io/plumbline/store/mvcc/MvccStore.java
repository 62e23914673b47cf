package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.CompactionResponse;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.plumbline.store.fault.Faults;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * etcd's multi-version key-value state machine, pure and single-threaded: every write creates a
 * new revision (a txn's writes share one), each key keeps its versions until compaction, deletions
 * leave tombstones, and leases carry attached keys. Deterministic: the same requests in the same
 * order give the same state on every member. Not thread-safe; the caller serializes access.
 *
 * <p>Expected errors throw {@link StoreException}; a failed write leaves no trace (it is undone).
 */
public final class MvccStore {
  /** etcd's MaxLeaseTTL: 9,000,000,000 seconds. */
  public static final long MAX_LEASE_TTL_SECONDS = 9_000_000_000L;

  final TreeMap<ByteString, KeyHistory> keys = new TreeMap<>(KeyRange.ORDER);
  final TreeMap<Long, RevisionEvents> events = new TreeMap<>();
  final TreeMap<Long, Lease> leases = new TreeMap<>();
  final TreeMap<String, String> meta = new TreeMap<>();
  long currentRevision = 1;
  long compactRevision = 0;
  /** {@link #events} as {@link MvccSnapshot} writes it, kept up to date at each snapshot. */
  final EncodedRecords encodedEvents = new EncodedRecords();
  private final long minLeaseTtlSeconds;
  private Consumer<RevisionEvents> listener = e -> {};
  private WriteBatch batch;
  private Faults faults = Faults.NONE;

  public MvccStore(long minLeaseTtlSeconds) {
    this.minLeaseTtlSeconds = minLeaseTtlSeconds;
  }

  /** Receives the events of every new revision, right after it is written. */
  public void setListener(Consumer<RevisionEvents> listener) {
    this.listener = listener;
  }

  /** Deliberate misbehaviour (only {@code revision-skip} concerns this class); the correct store by default. */
  /** The fault configuration (the apply path reads the auth fault hooks here). */
  public Faults faults() {
    return faults;
  }

  public void setFaults(Faults faults) {
    this.faults = faults;
  }

  public long currentRevision() {
    return currentRevision;
  }

  public long compactRevision() {
    return compactRevision;
  }

  // ---------------------------------------------------------------- reads

  /** A Range at the request's revision (0 = current). */
  public RangeResponse range(RangeRequest r) {
    if (r.getKey().isEmpty()) {
      throw StoreError.EMPTY_KEY.exception();
    }
    long rev = r.getRevision() <= 0 ? currentRevision : r.getRevision();
    if (rev > currentRevision) {
      throw StoreError.FUTURE_REV.exception();
    }
    if (rev < compactRevision) {
      throw StoreError.COMPACTED.exception();
    }
    return RangeQuery.run(r, liveAt(new KeyRange(r.getKey(), r.getRangeEnd()), rev))
        .setHeader(header()).build();
  }

  /** A Range inside a txn: without a revision it sees the txn's earlier writes. */
  RangeResponse rangeInTxn(RangeRequest r) {
    if (r.getRevision() > 0) {
      return range(r);
    }
    return RangeQuery.run(r, liveAt(new KeyRange(r.getKey(), r.getRangeEnd()), Long.MAX_VALUE))
        .setHeader(header()).build();
  }

  /** Keys live at {@code rev} in {@code range}, in key order. */
  List<KeyValue> liveAt(KeyRange range, long rev) {
    List<KeyValue> out = new ArrayList<>();
    if (range.isSingleKey()) { // the common case: one lookup instead of a sub-map view and its iterator
      KeyHistory h = keys.get(range.key());
      KeyValue kv = h == null ? null : h.at(rev);
      if (kv != null) {
        out.add(kv);
      }
      return out;
    }
    for (KeyHistory h : range.slice(keys).values()) {
      KeyValue kv = h.at(rev);
      if (kv != null) {
        out.add(kv);
      }
    }
    return out;
  }

  /** Events of revisions {@code >= fromRevision} still retained, oldest first. */
  public Collection<RevisionEvents> eventsSince(long fromRevision) {
    return events.tailMap(fromRevision, true).values();
  }

  /** Leases by id (read-only). */
  public NavigableMap<Long, Lease> leases() {
    return java.util.Collections.unmodifiableNavigableMap(leases);
  }

  /** Small replicated metadata (member attributes), read-only. */
  public Map<String, String> meta() {
    return java.util.Collections.unmodifiableMap(meta);
  }

  /** Number of retained key versions, a stand-in for etcd's database size. */
  public long versionCount() {
    long n = 0;
    for (KeyHistory h : keys.values()) {
      n += h.versions().size();
    }
    return n;
  }

  ResponseHeader header() {
    return ResponseHeader.newBuilder().setRevision(currentRevision).build();
  }

  // ---------------------------------------------------------------- writes

  public PutResponse put(PutRequest r) {
    return write(() -> putInBatch(r)).setHeader(header()).build();
  }

  public DeleteRangeResponse deleteRange(DeleteRangeRequest r) {
    return write(() -> deleteInBatch(r)).setHeader(header()).build();
  }

  public TxnResponse txn(TxnRequest r) {
    return write(() -> TxnEvaluator.run(this, r)).setHeader(header()).build();
  }

  public CompactionResponse compact(CompactionRequest r) {
    long rev = r.getRevision();
    if (rev <= compactRevision) {
      throw StoreError.COMPACTED.exception();
    }
    if (rev > currentRevision) {
      throw StoreError.FUTURE_REV.exception();
    }
    compactRevision = rev;
    keys.values().removeIf(h -> h.compact(rev));
    events.headMap(rev, false).clear();
    return CompactionResponse.newBuilder().setHeader(header()).build();
  }

  /** Grants a lease; {@code ttl} below the minimum is raised to it, as etcd does. */
  public Lease leaseGrant(long id, long ttlSeconds) {
    if (ttlSeconds > MAX_LEASE_TTL_SECONDS) {
      throw StoreError.LEASE_TTL_TOO_LARGE.exception();
    }
    if (id == 0 || leases.containsKey(id)) {
      throw StoreError.LEASE_EXISTS.exception();
    }
    Lease lease = new Lease(id, Math.max(ttlSeconds, minLeaseTtlSeconds));
    leases.put(id, lease);
    return lease;
  }

  /** Revokes a lease, deleting its keys in one revision. */
  public void leaseRevoke(long id) {
    Lease lease = leases.get(id);
    if (lease == null) {
      throw StoreError.LEASE_NOT_FOUND.exception();
    }
    List<ByteString> attached = new ArrayList<>(lease.keys());
    write(() -> {
      for (ByteString k : attached) {
        deleteInBatch(DeleteRangeRequest.newBuilder().setKey(k).build());
      }
      return null;
    });
    leases.remove(id);
  }

  /** Sets a replicated metadata entry (no revision: it is not a key). */
  public void putMeta(String key, String value) {
    meta.put(key, value);
  }

  // ---------------------------------------------------------------- write machinery

  interface Body<T> {
    T run();
  }

  /** Runs a write at revision current+1; commits the revision if it changed anything, undoes it on error. */
  <T> T write(Body<T> body) {
    if (batch != null) {
      return body.run(); // nested (a txn's sub-request): same revision
    }
    batch = new WriteBatch(faults.nextRevision(currentRevision)); // fault hook: revision-skip
    try {
      T result = body.run();
      if (!batch.events.isEmpty()) {
        currentRevision = batch.revision;
        RevisionEvents done = new RevisionEvents(batch.revision, batch.events);
        events.put(batch.revision, done);
        listener.accept(done);
      }
      return result;
    } catch (RuntimeException e) {
      batch.undo(this);
      throw e;
    } finally {
      batch = null;
    }
  }

  PutResponse.Builder putInBatch(PutRequest r) {
    ByteString key = r.getKey();
    if (key.isEmpty()) {
      throw StoreError.EMPTY_KEY.exception();
    }
    KeyHistory h = keys.get(key);
    KeyValue prev = h == null ? null : h.latest();
    if ((r.getIgnoreValue() || r.getIgnoreLease()) && prev == null) {
      throw StoreError.KEY_NOT_FOUND.exception();
    }
    ByteString value = r.getIgnoreValue() ? prev.getValue() : r.getValue();
    long lease = r.getIgnoreLease() ? prev.getLease() : r.getLease();
    if (lease != 0 && !leases.containsKey(lease)) {
      throw StoreError.LEASE_NOT_FOUND.exception();
    }
    long rev = batch.revision;
    KeyValue kv = KeyValue.newBuilder().setKey(key).setValue(value).setLease(lease)
        .setCreateRevision(prev == null ? rev : prev.getCreateRevision()).setModRevision(rev)
        .setVersion(prev == null ? 1 : prev.getVersion() + 1).build();
    record(key, kv, prev);
    Event.Builder e = Event.newBuilder().setType(Event.EventType.PUT).setKv(kv);
    if (prev != null) {
      e.setPrevKv(prev);
    }
    batch.events.add(e.build());
    PutResponse.Builder out = PutResponse.newBuilder();
    if (r.getPrevKv() && prev != null) {
      out.setPrevKv(faults.echoesPutAsPrevKv() ? kv : prev); // fault hook: put-prev-kv-is-new
    }
    return out;
  }

  DeleteRangeResponse.Builder deleteInBatch(DeleteRangeRequest r) {
    if (r.getKey().isEmpty()) {
      throw StoreError.EMPTY_KEY.exception();
    }
    long rev = batch.revision;
    DeleteRangeResponse.Builder out = DeleteRangeResponse.newBuilder();
    if (r.getRangeEnd().isEmpty()) { // one key (every lease revocation's): a lookup, no sub-map copy
      KeyHistory h = keys.get(r.getKey());
      if (h != null) {
        deleteOne(r.getKey(), h, rev, r.getPrevKv(), out);
      }
      return out;
    }
    SortedMap<ByteString, KeyHistory> slice = new KeyRange(r.getKey(), r.getRangeEnd()).slice(keys);
    for (Map.Entry<ByteString, KeyHistory> en : new ArrayList<>(slice.entrySet())) {
      deleteOne(en.getKey(), en.getValue(), rev, r.getPrevKv(), out);
    }
    return out;
  }

  /** Writes a tombstone for {@code key} at {@code rev} unless it is already deleted. */
  private void deleteOne(ByteString key, KeyHistory h, long rev, boolean prevKv, DeleteRangeResponse.Builder out) {
    KeyValue prev = h.latest();
    if (prev == null) {
      return;
    }
    KeyValue tomb = KeyValue.newBuilder().setKey(key).setModRevision(rev).build();
    record(key, null, prev);
    batch.events.add(Event.newBuilder().setType(Event.EventType.DELETE).setKv(tomb)
        .setPrevKv(prev).build());
    out.setDeleted(out.getDeleted() + 1);
    if (prevKv) {
      out.addPrevKvs(prev);
    }
  }

  /** Appends a version (null = deletion) and moves the key between leases, remembering how to undo. */
  private void record(ByteString key, KeyValue kv, KeyValue prev) {
    keys.computeIfAbsent(key, k -> new KeyHistory()).add(batch.revision, kv);
    batch.touched.add(key);
    long oldLease = prev == null ? 0 : prev.getLease();
    long newLease = kv == null ? 0 : kv.getLease();
    if (oldLease != newLease) {
      Lease from = leases.get(oldLease);
      Lease to = leases.get(newLease);
      if (from != null) {
        from.detach(key);
        batch.undos.add(() -> from.attach(key));
      }
      if (to != null) {
        to.attach(key);
        batch.undos.add(() -> to.detach(key));
      }
    }
  }

  /** The writes of the revision being built, and how to take them back. */
  static final class WriteBatch {
    final long revision;
    final List<Event> events = new ArrayList<>();
    final List<ByteString> touched = new ArrayList<>();
    final List<Runnable> undos = new ArrayList<>();

    WriteBatch(long revision) {
      this.revision = revision;
    }

    void undo(MvccStore s) {
      for (ByteString k : touched) {
        KeyHistory h = s.keys.get(k);
        List<KeyHistory.Version> v = h.versions();
        if (!v.isEmpty() && v.get(v.size() - 1).modRevision() == revision) {
          v.remove(v.size() - 1);
        }
        if (v.isEmpty()) {
          s.keys.remove(k);
        }
      }
      for (int i = undos.size() - 1; i >= 0; i--) {
        undos.get(i).run();
      }
    }
  }
}
