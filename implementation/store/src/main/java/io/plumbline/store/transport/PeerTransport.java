package io.plumbline.store.transport;

import io.plumbline.raft.Message;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How the node shell reaches its peers: Raft message batches and other frames on an ordered,
 * lossy link per peer, plus unary calls. Sends never block and never throw for a broken link: a
 * frame to an unreachable peer is dropped, as Raft tolerates. Production is {@link GrpcPeerTransport};
 * the simulator has its own.
 */
public interface PeerTransport extends AutoCloseable {
  /** One Ready's messages for {@code peer}, in order. */
  void send(String peer, List<Message> batch);

  /** One frame ({@code frame[0]} its {@link PeerMethods} {@code FRAME_*} kind) behind everything sent to {@code peer}. */
  void sendFrame(String peer, byte[] frame);

  /** A unary request ({@link PeerMethods} op) to {@code peer}; fails when unreachable or after {@code timeoutMs}. */
  CompletableFuture<byte[]> call(String peer, byte op, byte[] payload, long timeoutMs);

  @Override
  void close();
}
