package io.plumbline.store.node;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A replicated request as stored in a Raft entry: {@code [byte type][long requestId][payload]}.
 * The payload is the client's protobuf request (lease grants carry the chosen id). The request id
 * lets the member that proposed it find the waiting client when the entry is applied.
 */
public record Command(Type type, long requestId, byte[] payload) {
  /** What the entry asks the state machine to do. */
  public enum Type { PUT, DELETE_RANGE, TXN, COMPACT, LEASE_GRANT, LEASE_REVOKE, META }

  private static final Type[] TYPES = Type.values();

  public byte[] encode() {
    return ByteBuffer.allocate(9 + payload.length).put((byte) type.ordinal()).putLong(requestId)
        .put(payload).array();
  }

  /** The request id of an encoded command, without decoding the rest. */
  public static long requestIdOf(byte[] data) {
    return ByteBuffer.wrap(data, 1, 8).getLong();
  }

  public static Command decode(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data);
    Type t = TYPES[b.get()];
    long id = b.getLong();
    return new Command(t, id, Arrays.copyOfRange(data, 9, data.length));
  }
}
