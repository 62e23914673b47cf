package io.plumbline.store.node;

import java.nio.ByteBuffer;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A replicated request as stored in a Raft entry: {@code [byte type][long requestId][payload]}.
 * The payload is the client's protobuf request (lease grants carry the chosen id). The request id
 * lets the member that proposed it find the waiting client when the entry is applied.
 */
public record Command(Type type, long requestId, byte[] payload) {
  /** What the entry asks the state machine to do. */
  public enum Type {
    PUT, DELETE_RANGE, TXN, COMPACT, LEASE_GRANT, LEASE_REVOKE, META,
    /** An Auth service change ({@code io.plumbline.store.auth.AuthCommand}): checked and applied on every member. */
    AUTH,
    /** A KV write made by a user while auth is on ({@code AsUser}): permissions are checked when it is applied. */
    AS_USER
  }

  private static final Type[] TYPES = Type.values();

  public byte[] encode() {
    return ByteBuffer.allocate(9 + payload.length).put((byte) type.ordinal()).putLong(requestId)
        .put(payload).array();
  }

  /** Encodes a command whose payload is {@code request}, serialized straight into the entry's bytes. */
  public static byte[] encode(Type type, long requestId, MessageLite request) {
    int size = request.getSerializedSize();
    byte[] out = new byte[9 + size];
    ByteBuffer.wrap(out).put((byte) type.ordinal()).putLong(requestId);
    CodedOutputStream body = CodedOutputStream.newInstance(out, 9, size);
    try {
      request.writeTo(body);
      body.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("serializing into an exactly sized array", e);
    }
    return out;
  }

  /** The request id of an encoded command, without decoding the rest. */
  public static long requestIdOf(byte[] data) {
    return ByteBuffer.wrap(data, 1, 8).getLong();
  }

  public static Command decode(byte[] data) {
    return decode(ByteBuffer.wrap(data));
  }

  /** Decodes from a (read-only) view of an entry's bytes, copying only the payload. */
  public static Command decode(ByteBuffer b) {
    Type t = TYPES[b.get()];
    long id = b.getLong();
    byte[] payload = new byte[b.remaining()];
    b.get(payload);
    return new Command(t, id, payload);
  }
}
