package io.plumbline.store.transport;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.plumbline.raft.Message;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.security.GrpcTls;
import io.plumbline.store.security.TlsFlags;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The link to one peer: a long-lived {@code Send} stream carrying batches of messages in order
 * (gRPC/HTTP2 pipelines them; one batch per Ready), re-opened after a failure, plus unary calls.
 * Messages sent while the peer is down are lost, which Raft tolerates. Thread-safe.
 */
public final class PeerClient implements AutoCloseable {
  private static final int MAX_MESSAGE_BYTES = 512 << 20;
  /** How often, at most, a broken link skips gRPC's reconnect backoff (etcd's peer transport retries at this pace). */
  private static final long RECONNECT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private final ManagedChannel channel;
  private long lastBackoffReset = System.nanoTime() - RECONNECT_EVERY_NANOS;
  private StreamObserver<byte[]> stream;
  private AtomicBoolean streamDead = new AtomicBoolean(true);

  public PeerClient(URI peerUrl) {
    this(peerUrl, TlsFlags.NONE);
  }

  /** A link that dials with {@code tls} (this member's peer certificate, the peers' CA) or in plaintext. */
  public PeerClient(URI peerUrl, TlsFlags tls) {
    channel = GrpcTls.dial(NettyChannelBuilder.forAddress(peerUrl.getHost(), peerUrl.getPort()), tls)
        .directExecutor() // callbacks only complete futures: no hand-off to another thread
        .maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
  }

  /** Sends one batch of Raft messages; dropped when the link is broken (the stream is re-opened next time). */
  public void send(List<Message> batch) {
    byte[] frame = MessageCodec.encode(batch, 1);
    frame[0] = PeerMethods.FRAME_RAFT;
    sendFrame(frame);
  }

  /**
   * Sends one frame ({@code frame[0]} = its {@link PeerMethods} {@code FRAME_*} kind) on the
   * stream, behind everything sent before; dropped when the link is broken.
   */
  public synchronized void sendFrame(byte[] frame) {
    if (stream == null || streamDead.get()) {
      reconnectPromptly();
      // the flag, not a callback clearing a field, marks a dead stream: gRPC may report the
      // failure before asyncClientStreamingCall even returns
      AtomicBoolean dead = new AtomicBoolean();
      ClientCall<byte[], byte[]> call = channel.newCall(PeerMethods.SEND, CallOptions.DEFAULT);
      stream = ClientCalls.asyncClientStreamingCall(call, new StreamObserver<>() {
        @Override
        public void onNext(byte[] value) {}

        @Override
        public void onError(Throwable t) {
          dead.set(true);
        }

        @Override
        public void onCompleted() {
          dead.set(true);
        }
      });
      streamDead = dead;
    }
    stream.onNext(frame);
  }

  /**
   * gRPC waits before reconnecting to a peer that refused it, exponentially longer each time (1 s ×
   * 1.6ⁿ, up to 2 min), and fails new calls at once meanwhile. So a member restarted after 8 s down
   * stayed unreachable for seconds more: a chaos run saw 8 s without a leader because the survivors
   * could not reach the restarted member for its vote. While the link is broken, the next frame
   * resets that backoff, at most every {@link #RECONNECT_EVERY_NANOS}.
   */
  private void reconnectPromptly() {
    long now = System.nanoTime();
    if (now - lastBackoffReset >= RECONNECT_EVERY_NANOS && channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      lastBackoffReset = now;
      channel.resetConnectBackoff();
    }
  }

  /** A unary call; fails with the peer's {@link StoreError} or Unavailable. */
  public CompletableFuture<byte[]> call(byte op, byte[] payload, long timeoutMs) {
    byte[] req = new byte[payload.length + 1];
    req[0] = op;
    System.arraycopy(payload, 0, req, 1, payload.length);
    CompletableFuture<byte[]> out = new CompletableFuture<>();
    ClientCall<byte[], byte[]> call = channel.newCall(PeerMethods.CALL,
        CallOptions.DEFAULT.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS));
    ClientCalls.asyncUnaryCall(call, req, new StreamObserver<>() {
      @Override
      public void onNext(byte[] value) {
        out.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        out.completeExceptionally(toStoreError(t).exception());
      }

      @Override
      public void onCompleted() {}
    });
    return out;
  }

  /** Maps a peer's status back to our error (same message), else a timeout. */
  private static StoreError toStoreError(Throwable t) {
    if (t instanceof StatusRuntimeException s && s.getStatus().getDescription() != null) {
      for (StoreError e : StoreError.values()) {
        if (e.message().equals(s.getStatus().getDescription())) {
          return e;
        }
      }
    }
    return StoreError.TIMEOUT;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
