package io.plumbline.store.transport;

import io.plumbline.raft.Entry;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Binary form of a batch of Raft messages on the peer wire (big-endian, length-prefixed byte arrays). */
public final class MessageCodec {
  private static final MessageType[] TYPES = MessageType.values();

  private MessageCodec() {}

  public static byte[] encode(List<Message> batch) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(batch.size());
      for (Message m : batch) {
        write(out, m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static List<Message> decode(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      int n = in.readInt();
      List<Message> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(read(in));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(DataOutputStream out, Message m) throws IOException {
    out.writeByte(m.type().ordinal());
    out.writeUTF(m.from());
    out.writeUTF(m.to());
    out.writeLong(m.term());
    out.writeLong(m.logTerm());
    out.writeLong(m.index());
    out.writeLong(m.commit());
    out.writeBoolean(m.reject());
    out.writeLong(m.rejectHint());
    writeBytes(out, m.context());
    out.writeInt(m.entries().size());
    for (Entry e : m.entries()) {
      out.writeLong(e.term());
      out.writeLong(e.index());
      writeBytes(out, e.data());
    }
    out.writeBoolean(m.snapshot() != null);
    if (m.snapshot() != null) {
      out.writeLong(m.snapshot().index());
      out.writeLong(m.snapshot().term());
      writeBytes(out, m.snapshot().data());
    }
  }

  private static Message read(DataInputStream in) throws IOException {
    MessageType type = TYPES[in.readByte()];
    String from = in.readUTF();
    String to = in.readUTF();
    long term = in.readLong();
    long logTerm = in.readLong();
    long index = in.readLong();
    long commit = in.readLong();
    boolean reject = in.readBoolean();
    long hint = in.readLong();
    byte[] context = readBytes(in);
    int n = in.readInt();
    List<Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long et = in.readLong();
      long ei = in.readLong();
      entries.add(new Entry(et, ei, readBytes(in)));
    }
    Snapshot snap = null;
    if (in.readBoolean()) {
      long si = in.readLong();
      long st = in.readLong();
      snap = new Snapshot(si, st, readBytes(in));
    }
    return new Message(type, from, to, term, logTerm, index, entries, commit, reject, hint, context, snap);
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
