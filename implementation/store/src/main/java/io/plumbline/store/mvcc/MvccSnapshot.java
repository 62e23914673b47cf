package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole store as bytes (for Raft snapshots) and back. Format, big-endian: magic "MVCC1",
 * current and compact revision, keys (key, versions: revision, present flag, KeyValue proto),
 * retained events per revision (Event protos), leases (id, ttl), metadata (UTF strings).
 * Lease attachments are rebuilt from the live keys' lease field.
 */
public final class MvccSnapshot {
  private static final String MAGIC = "MVCC1";

  private MvccSnapshot() {}

  /**
   * The store's bytes. Each key's versions and the event log are kept encoded as they grow
   * ({@link EncodedRecords}), so a snapshot encodes only what changed since the previous one and
   * copies the rest, into an array sized exactly first.
   */
  public static byte[] write(MvccStore s) {
    List<EncodedRecords> keyRecords = new ArrayList<>(s.keys.size());
    for (KeyHistory h : s.keys.values()) {
      keyRecords.add(h.encoded());
    }
    EncodedRecords events = encodedEvents(s);
    ExactBuffer buf = new ExactBuffer(size(s, keyRecords, events));
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeUTF(MAGIC);
      out.writeLong(s.currentRevision);
      out.writeLong(s.compactRevision);
      out.writeInt(s.keys.size());
      int i = 0;
      for (Map.Entry<ByteString, KeyHistory> e : s.keys.entrySet()) {
        out.writeInt(e.getKey().size());
        e.getKey().writeTo(out);
        out.writeInt(e.getValue().versions().size());
        out.flush();
        keyRecords.get(i++).copyTo(buf);
      }
      out.writeInt(s.events.size());
      out.flush();
      events.copyTo(buf);
      out.writeInt(s.leases.size());
      for (Lease l : s.leases.values()) {
        out.writeLong(l.id());
        out.writeLong(l.ttlSeconds());
      }
      out.writeInt(s.meta.size());
      for (Map.Entry<String, String> m : s.meta.entrySet()) {
        out.writeUTF(m.getKey());
        out.writeUTF(m.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.bytes();
  }

  /**
   * The event log in record format, brought up to date. Revisions are only appended at the end
   * or dropped from the start (compaction) or all replaced (restore): when the first or last
   * encoded revision is no longer in place, it is encoded afresh.
   */
  private static EncodedRecords encodedEvents(MvccStore s) {
    EncodedRecords enc = s.encodedEvents;
    if (enc.count > 0 && (s.events.isEmpty() || s.events.firstEntry().getValue() != enc.first
        || s.events.get(((RevisionEvents) enc.last).revision()) != enc.last)) {
      enc.reset();
    }
    Iterable<RevisionEvents> fresh = enc.count == 0 ? s.events.values()
        : s.events.tailMap(((RevisionEvents) enc.last).revision(), false).values();
    for (RevisionEvents re : fresh) {
      enc.writeLong(re.revision());
      enc.writeInt(re.events().size());
      for (Event ev : re.events()) {
        enc.writeMessage(ev);
      }
      enc.recorded(re);
    }
    if (enc.count != s.events.size()) {
      throw new IllegalStateException("encoded " + enc.count + " revisions of " + s.events.size());
    }
    return enc;
  }

  /** The length {@link #write} produces. */
  private static int size(MvccStore s, List<EncodedRecords> keyRecords, EncodedRecords events) {
    long n = 2 + MAGIC.length() + 8 + 8 + 4;
    int i = 0;
    for (ByteString key : s.keys.keySet()) {
      n += 4 + key.size() + 4 + keyRecords.get(i++).length();
    }
    n += 4 + events.length();
    n += 4 + 16L * s.leases.size() + 4;
    for (Map.Entry<String, String> m : s.meta.entrySet()) {
      n += utfLength(m.getKey()) + utfLength(m.getValue());
    }
    return (int) Math.min(Integer.MAX_VALUE - 16, n);
  }

  /** Bytes {@code DataOutput.writeUTF} writes for {@code s} (modified UTF-8 and the 2-byte length). */
  private static int utfLength(String s) {
    int n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
    }
    return n;
  }

  /** An output stream over one array; protobuf messages are encoded straight into it. */
  private static final class ExactBuffer extends java.io.OutputStream {
    private byte[] buf;
    private int pos;

    ExactBuffer(int size) {
      buf = new byte[size];
    }

    private void ensure(int more) {
      if (pos + more > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
      }
    }

    @Override
    public void write(int b) {
      ensure(1);
      buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, pos, len);
      pos += len;
    }

    byte[] bytes() {
      return pos == buf.length ? buf : java.util.Arrays.copyOf(buf, pos);
    }
  }

  /** Replaces {@code s}'s whole state with the snapshot's (the listener is kept). */
  public static void restore(MvccStore s, byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      if (!MAGIC.equals(in.readUTF())) {
        throw new IllegalStateException("not an MVCC snapshot");
      }
      s.keys.clear();
      s.events.clear();
      s.leases.clear();
      s.meta.clear();
      s.currentRevision = in.readLong();
      s.compactRevision = in.readLong();
      readKeys(s, in);
      EncodedRecords enc = s.encodedEvents;
      enc.reset();
      for (int n = in.readInt(); n > 0; n--) {
        long rev = in.readLong();
        int count = in.readInt();
        enc.writeLong(rev);
        enc.writeInt(count);
        byte[][] evs = new byte[count][];
        for (int m = 0; m < count; m++) {
          evs[m] = readBytes(in);
          enc.writeInt(evs[m].length);
          enc.writeRaw(evs[m]);
        }
        RevisionEvents re = new RevisionEvents(rev, new LazyEvents(evs)); // decoded when first read
        s.events.put(rev, re);
        enc.recorded(re);
      }
      for (int n = in.readInt(); n > 0; n--) {
        long id = in.readLong();
        s.leases.put(id, new Lease(id, in.readLong()));
      }
      for (int n = in.readInt(); n > 0; n--) {
        s.meta.put(in.readUTF(), in.readUTF());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (KeyHistory h : s.keys.values()) {
      KeyValue live = h.latest();
      if (live != null && live.getLease() != 0 && s.leases.containsKey(live.getLease())) {
        s.leases.get(live.getLease()).attach(live.getKey());
      }
    }
  }

  private static void readKeys(MvccStore s, DataInputStream in) throws IOException {
    for (int n = in.readInt(); n > 0; n--) {
      ByteString key = ByteString.copyFrom(readBytes(in));
      KeyHistory h = new KeyHistory();
      for (int m = in.readInt(); m > 0; m--) {
        long rev = in.readLong();
        byte[] b = in.readBoolean() ? readBytes(in) : null;
        h.restored(rev, b == null ? null : KeyValue.parseFrom(b), b);
      }
      s.keys.put(key, h);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
