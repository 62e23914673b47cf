package io.plumbline.store.mvcc;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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

  public static byte[] write(MvccStore s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeLong(s.currentRevision);
      out.writeLong(s.compactRevision);
      out.writeInt(s.keys.size());
      for (Map.Entry<ByteString, KeyHistory> e : s.keys.entrySet()) {
        writeBytes(out, e.getKey().toByteArray());
        out.writeInt(e.getValue().versions().size());
        for (KeyHistory.Version v : e.getValue().versions()) {
          out.writeLong(v.modRevision());
          out.writeBoolean(v.kv() != null);
          if (v.kv() != null) {
            writeBytes(out, v.kv().toByteArray());
          }
        }
      }
      out.writeInt(s.events.size());
      for (RevisionEvents re : s.events.values()) {
        out.writeLong(re.revision());
        out.writeInt(re.events().size());
        for (Event ev : re.events()) {
          writeBytes(out, ev.toByteArray());
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
    return bytes.toByteArray();
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

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
