package io.plumbline.store.transport;

import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The peer protocol as gRPC methods over raw bytes (no generated code). {@code Send} is one
 * long-lived stream per direction and peer pair carrying frames {@code [byte kind][body]}: batches
 * of Raft messages, and — like etcd's MsgProp and MsgReadIndex, which ride its peer stream too —
 * forwarded proposals, refusals of them, ReadIndex requests and their results. {@code Call} is a
 * request/response for the rare rest (lease keep-alive and time-to-live on the leader), first byte = op.
 */
public final class PeerMethods {
  public static final String SERVICE = "plumbline.store.Peer";

  /** Call ops. */
  // 1 was a single forwarded proposal, 2 ReadIndex and 5 a batch of proposals: now Send frames
  public static final byte LEASE_RENEW = 3;
  public static final byte LEASE_TTL = 4;

  /** Send frame kinds. */
  public static final byte FRAME_RAFT = 1;
  /** Follower to leader: {@code [short len][from][int n]([int len][command])*n}; no answer when accepted. */
  public static final byte FRAME_PROPOSE = 2;
  /** Leader to follower: {@code [int n]([long requestId][byte StoreError ordinal])*n}, proposals it refused. */
  public static final byte FRAME_PROPOSE_REFUSED = 3;
  /** Follower to leader: {@code [short len][from][long readId]}. */
  public static final byte FRAME_READ_INDEX = 4;
  /** Leader to follower: {@code [long readId][byte 0 or 1 + StoreError ordinal][long index]}. */
  public static final byte FRAME_READ_INDEX_RESULT = 5;

  private PeerMethods() {}

  public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        if (stream instanceof KnownLength) { // gRPC's own buffers know their size: one exact copy
          byte[] b = new byte[stream.available()];
          int n = stream.readNBytes(b, 0, b.length);
          if (n == b.length && stream.read() < 0) {
            return b;
          }
          throw new IOException("peer message shorter or longer than announced");
        }
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  public static final MethodDescriptor<byte[], byte[]> SEND = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.CLIENT_STREAMING)
      .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Send"))
      .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

  public static final MethodDescriptor<byte[], byte[]> CALL = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Call"))
      .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
}
