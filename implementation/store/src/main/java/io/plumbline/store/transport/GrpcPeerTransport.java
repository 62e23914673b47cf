package io.plumbline.store.transport;

import io.plumbline.raft.Message;
import io.plumbline.store.security.TlsFlags;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The production {@link PeerTransport}: one {@link PeerClient} (gRPC) per peer. */
public final class GrpcPeerTransport implements PeerTransport {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcPeerTransport.class);
  private final String self;
  private final Map<String, PeerClient> peers = new HashMap<>();

  /** Links to every member of {@code cluster} (name to peer URL) but {@code self}, with the peer TLS flags. */
  public GrpcPeerTransport(String self, Map<String, URI> cluster, TlsFlags tls) {
    this.self = self;
    for (Map.Entry<String, URI> p : cluster.entrySet()) {
      if (!p.getKey().equals(self)) {
        peers.put(p.getKey(), new PeerClient(p.getValue(), tls));
      }
    }
  }

  @Override
  public void send(String peer, List<Message> batch) {
    PeerClient p = peers.get(peer);
    try {
      p.send(batch);
    } catch (RuntimeException ex) {
      LOG.debug("{}: dropping {} message(s) to {}: {}", self, batch.size(), peer, ex.toString());
    }
  }

  @Override
  public void sendFrame(String peer, byte[] frame) {
    PeerClient p = peers.get(peer);
    if (p == null) {
      LOG.warn("{}: no peer named {}", self, peer);
      return;
    }
    try {
      p.sendFrame(frame);
    } catch (RuntimeException ex) {
      LOG.debug("{}: dropping a frame to {}: {}", self, peer, ex.toString());
    }
  }

  @Override
  public CompletableFuture<byte[]> call(String peer, byte op, byte[] payload, long timeoutMs) {
    return peers.get(peer).call(op, payload, timeoutMs);
  }

  @Override
  public void close() {
    for (PeerClient p : peers.values()) {
      p.close();
    }
  }
}
