package io.plumbline.store.node;

import io.plumbline.raft.Message;
import io.plumbline.store.transport.PeerTransport;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The configuration and peer transport of a single simulated member n1 (no peers: nothing is ever sent). */
public final class SoloMember {
  private SoloMember() {}

  /** Member n1 alone in its cluster, at simulated URLs. */
  public static StoreConfig config() {
    URI peer = URI.create("http://n1.sim:2380");
    return StoreConfig.defaults("n1", Path.of("sim", "n1"), URI.create("http://n1.sim:2379"), peer, Map.of("n1", peer));
  }

  /** A transport for a member without peers: sends go nowhere, calls fail. */
  public static PeerTransport noPeers() {
    return new PeerTransport() {
      @Override
      public void send(String p, List<Message> batch) {}

      @Override
      public void sendFrame(String p, byte[] frame) {}

      @Override
      public CompletableFuture<byte[]> call(String p, byte op, byte[] payload, long timeoutMs) {
        return CompletableFuture.failedFuture(new IllegalStateException("one member"));
      }

      @Override
      public void close() {}
    };
  }
}
