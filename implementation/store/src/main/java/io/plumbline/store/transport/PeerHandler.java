package io.plumbline.store.transport;

import io.plumbline.raft.Message;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the peer server hands to the local node. */
public interface PeerHandler {
  /** Raft messages from a peer, in the order sent. */
  void receive(List<Message> batch);

  /** Any other frame of a peer's {@code Send} stream ({@link PeerMethods} {@code FRAME_*} kind), body from position to limit. */
  void receiveFrame(byte kind, ByteBuffer body);

  /** A request from a peer ({@link PeerMethods} op + payload); the answer or a failed future. */
  CompletableFuture<byte[]> call(byte op, byte[] payload);
}
