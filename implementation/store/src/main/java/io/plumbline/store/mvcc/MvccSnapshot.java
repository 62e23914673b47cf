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
   * The store's bytes. Sized first (protobuf caches each message's size), then written once into
   * an array of exactly that size: a snapshot holds the whole retained history, and growing a
   * stream's buffer copied it several times over.
   */
  public static byte[] write(MvccStore s) {
    ExactBuffer buf = new ExactBuffer(size(s));
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.writeUTF(MAGIC);
      out.writeLong(s.currentRevision);
      out.writeLong(s.compactRevision);
      out.writeInt(s.keys.size());
      for (Map.Entry<ByteString, KeyHistory> e : s.keys.entrySet()) {
        out.writeInt(e.getKey().size());
        e.getKey().writeTo(out);
        out.writeInt(e.getValue().versions().size());
        for (KeyHistory.Version v : e.getValue().versions()) {
          out.writeLong(v.modRevision());
          out.writeBoolean(v.kv() != null);
          if (v.kv() != null) {
            buf.putMessage(out, v.kv());
          }
        }
      }
      out.writeInt(s.events.size());
      for (RevisionEvents re : s.events.values()) {
        out.writeLong(re.revision());
        out.writeInt(re.events().size());
        for (Event ev : re.events()) {
          buf.putMessage(out, ev);
        }
      }
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

  /** The length {@link #write} produces. */
  private static int size(MvccStore s) {
    long n = 2 + MAGIC.length() + 8 + 8 + 4;
    for (Map.Entry<ByteString, KeyHistory> e : s.keys.entrySet()) {
      n += 4 + e.getKey().size() + 4;
      for (KeyHistory.Version v : e.getValue().versions()) {
        n += 8 + 1 + (v.kv() == null ? 0 : 4 + v.kv().getSerializedSize());
      }
    }
    n += 4;
    for (RevisionEvents re : s.events.values()) {
      n += 8 + 4;
      for (Event ev : re.events()) {
        n += 4 + ev.getSerializedSize();
      }
    }
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

    /** Length-prefixed message, as {@code writeBytes(out, m.toByteArray())} wrote it. */
    void putMessage(DataOutputStream out, com.google.protobuf.MessageLite m) throws IOException {
      int size = m.getSerializedSize();
      out.writeInt(size);
      out.flush();
      ensure(size);
      com.google.protobuf.CodedOutputStream c = com.google.protobuf.CodedOutputStream.newInstance(buf, pos, size);
      m.writeTo(c);
      c.checkNoSpaceLeft();
      pos += size;
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
      for (int n = in.readInt(); n > 0; n--) {
        long rev = in.readLong();
        List<Event> evs = new ArrayList<>();
        for (int m = in.readInt(); m > 0; m--) {
          evs.add(Event.parseFrom(readBytes(in)));
        }
        s.events.put(rev, new RevisionEvents(rev, evs));
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
        h.add(rev, in.readBoolean() ? KeyValue.parseFrom(readBytes(in)) : null);
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
