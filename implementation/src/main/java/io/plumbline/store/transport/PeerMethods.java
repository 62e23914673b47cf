package io.plumbline.store.transport;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The peer protocol as gRPC methods over raw bytes (no generated code): {@code Send} streams
 * batches of Raft messages one way; {@code Call} is a request/response for what followers ask the
 * leader (batches of forwarded proposals, ReadIndex, lease keep-alive and time-to-live), first byte = op.
 */
public final class PeerMethods {
  public static final String SERVICE = "plumbline.store.Peer";

  /** Call ops. */
  // 1 was a single forwarded proposal answered with its result; replaced by PROPOSE_BATCH
  public static final byte READ_INDEX = 2;
  public static final byte LEASE_RENEW = 3;
  public static final byte LEASE_TTL = 4;
  /** Many forwarded proposals at once; answered with one accepted/refused byte each. */
  public static final byte PROPOSE_BATCH = 5;

  private PeerMethods() {}

  public static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
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
