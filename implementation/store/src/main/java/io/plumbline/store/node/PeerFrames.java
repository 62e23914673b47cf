package io.plumbline.store.node;

import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.transport.PeerMethods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's own frames on the peer stream (formats in {@link PeerMethods}): forwarded proposals
 * and their refusals, ReadIndex requests and results. Each encoder returns the whole frame, kind
 * byte first, in one exactly sized array.
 */
final class PeerFrames {
  /** Forwarded proposals as the leader receives them. */
  record Proposals(String from, List<byte[]> commands) {}

  /** A refused forwarded proposal: the request id inside its command, and why. */
  record Refusal(long requestId, StoreError error) {}

  /** A follower's ReadIndex request. */
  record ReadRequest(String from, long readId) {}

  /** The leader's answer to a ReadIndex request: the confirmed index, or the error (then index is 0). */
  record ReadResult(long readId, StoreError error, long index) {}

  private PeerFrames() {}

  static byte[] proposals(String from, List<byte[]> commands) {
    byte[] name = from.getBytes(StandardCharsets.UTF_8);
    int size = 1 + 2 + name.length + 4;
    for (byte[] c : commands) {
      size += 4 + c.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(PeerMethods.FRAME_PROPOSE);
    b.putShort((short) name.length).put(name).putInt(commands.size());
    for (byte[] c : commands) {
      b.putInt(c.length).put(c);
    }
    return b.array();
  }

  static Proposals proposals(ByteBuffer b) {
    String from = name(b);
    int n = b.getInt();
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      byte[] c = new byte[b.getInt()];
      b.get(c);
      out.add(c);
    }
    return new Proposals(from, out);
  }

  static byte[] refusals(List<Refusal> refused) {
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + refused.size() * 9).put(PeerMethods.FRAME_PROPOSE_REFUSED);
    b.putInt(refused.size());
    for (Refusal r : refused) {
      b.putLong(r.requestId()).put((byte) r.error().ordinal());
    }
    return b.array();
  }

  static List<Refusal> refusals(ByteBuffer b) {
    int n = b.getInt();
    List<Refusal> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Refusal(b.getLong(), StoreError.values()[b.get()]));
    }
    return out;
  }

  static byte[] readRequest(String from, long readId) {
    byte[] name = from.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 2 + name.length + 8).put(PeerMethods.FRAME_READ_INDEX)
        .putShort((short) name.length).put(name).putLong(readId).array();
  }

  static ReadRequest readRequest(ByteBuffer b) {
    return new ReadRequest(name(b), b.getLong());
  }

  static byte[] readResult(ReadResult r) {
    byte status = r.error() == null ? 0 : (byte) (r.error().ordinal() + 1);
    return ByteBuffer.allocate(1 + 8 + 1 + 8).put(PeerMethods.FRAME_READ_INDEX_RESULT)
        .putLong(r.readId()).put(status).putLong(r.index()).array();
  }

  static ReadResult readResult(ByteBuffer b) {
    long id = b.getLong();
    byte status = b.get();
    long index = b.getLong();
    return new ReadResult(id, status == 0 ? null : StoreError.values()[status - 1], index);
  }

  private static String name(ByteBuffer b) {
    byte[] name = new byte[b.getShort() & 0xFFFF];
    b.get(name);
    return new String(name, StandardCharsets.UTF_8);
  }
}
