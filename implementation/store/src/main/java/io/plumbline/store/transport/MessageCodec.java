package io.plumbline.store.transport;

import io.plumbline.raft.Entry;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.Snapshot;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of a batch of Raft messages on the peer wire (big-endian):
 * {@code [int n]} then per message {@code [byte type][short len][from utf-8][short len][to utf-8]
 * [long term][long logTerm][long index][long commit][byte reject][long rejectHint]
 * [int len | -1][context][int entries]([long term][long index][int len][data])*
 * [byte hasSnapshot]([long index][long term][int len][data])?}.
 *
 * <p>Encoding computes the exact size first and writes once into one array (no growing buffer,
 * no per-entry copy of the payload besides the one into the array): the leader encodes every
 * replicated entry once per follower, so this is on the write path.
 */
public final class MessageCodec {
  private static final MessageType[] TYPES = MessageType.values();
  /** Bytes of a message besides its names, context, entries and snapshot. */
  private static final int FIXED_BYTES = 1 + 2 + 2 + 8 * 4 + 1 + 8 + 4 + 4 + 1;
  private static final int ENTRY_FIXED_BYTES = 8 + 8 + 4;

  private MessageCodec() {}

  /** Encodes a batch into a new array of exactly its size, {@code headroom} bytes left free at the front. */
  public static byte[] encode(List<Message> batch, int headroom) {
    int size = headroom + 4;
    for (Message m : batch) {
      size += size(m);
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.position(headroom);
    out.putInt(batch.size());
    for (Message m : batch) {
      write(out, m);
    }
    if (out.hasRemaining()) {
      throw new IllegalStateException("message size miscounted: " + out.remaining() + " bytes left");
    }
    return out.array();
  }

  public static byte[] encode(List<Message> batch) {
    return encode(batch, 0);
  }

  /** Decodes a batch from {@code in}'s position to its limit. */
  public static List<Message> decode(ByteBuffer in) {
    int n = in.getInt();
    List<Message> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(read(in));
    }
    return out;
  }

  public static List<Message> decode(byte[] data) {
    return decode(ByteBuffer.wrap(data));
  }

  private static int size(Message m) {
    int size = FIXED_BYTES + utf8Length(m.from()) + utf8Length(m.to());
    if (m.hasContext()) {
      size += m.context().length;
    }
    for (Entry e : m.entries()) {
      size += ENTRY_FIXED_BYTES + e.dataLength();
    }
    if (m.snapshot() != null) {
      size += 8 + 8 + 4 + m.snapshot().data().length;
    }
    return size;
  }

  private static void write(ByteBuffer out, Message m) {
    out.put((byte) m.type().ordinal());
    putString(out, m.from());
    putString(out, m.to());
    out.putLong(m.term()).putLong(m.logTerm()).putLong(m.index()).putLong(m.commit());
    out.put((byte) (m.reject() ? 1 : 0)).putLong(m.rejectHint());
    putBytes(out, m.context());
    out.putInt(m.entries().size());
    for (Entry e : m.entries()) {
      out.putLong(e.term()).putLong(e.index()).putInt(e.dataLength()).put(e.dataView());
    }
    out.put((byte) (m.snapshot() != null ? 1 : 0));
    if (m.snapshot() != null) {
      out.putLong(m.snapshot().index()).putLong(m.snapshot().term());
      putBytes(out, m.snapshot().data());
    }
  }

  private static Message read(ByteBuffer in) {
    MessageType type = TYPES[in.get()];
    String from = getString(in);
    String to = getString(in);
    long term = in.getLong();
    long logTerm = in.getLong();
    long index = in.getLong();
    long commit = in.getLong();
    boolean reject = in.get() != 0;
    long hint = in.getLong();
    byte[] context = getBytes(in);
    int n = in.getInt();
    List<Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long et = in.getLong();
      long ei = in.getLong();
      entries.add(new Entry(et, ei, getBytes(in)));
    }
    Snapshot snap = null;
    if (in.get() != 0) {
      long si = in.getLong();
      long st = in.getLong();
      snap = new Snapshot(si, st, getBytes(in));
    }
    return new Message(type, from, to, term, logTerm, index, entries, commit, reject, hint, context, snap);
  }

  private static int utf8Length(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void putString(ByteBuffer out, String s) {
    byte[] b = s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    out.putShort((short) b.length).put(b);
  }

  private static String getString(ByteBuffer in) {
    byte[] b = new byte[in.getShort() & 0xFFFF];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void putBytes(ByteBuffer out, byte[] b) {
    out.putInt(b == null ? -1 : b.length);
    if (b != null) {
      out.put(b);
    }
  }

  private static byte[] getBytes(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }
}
