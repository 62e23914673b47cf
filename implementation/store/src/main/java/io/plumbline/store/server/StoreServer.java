package io.plumbline.store.server;

import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.WatchGrpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.plumbline.store.node.StoreConfig;
import io.plumbline.store.node.StoreNode;
import io.plumbline.store.security.GrpcTls;
import io.plumbline.store.transport.PeerServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member: its node, etcd's v3 gRPC API and HTTP endpoints ({@link HttpOnClientPort}) on the client URL, and the
 * peer service on the peer URL.
 */
public final class StoreServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreServer.class);
  /** etcd lets gRPC accept this much more than --max-request-bytes, then rejects in the server. */
  private static final int GRPC_OVERHEAD_BYTES = 512 * 1024;
  private final StoreNode node;
  private final WatchHub hub;
  private final Server client;
  private final Server peer;
  private final ClientThreads clientThreads = new ClientThreads();
  private final ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "watch-progress");
    t.setDaemon(true);
    return t;
  });

  public StoreServer(StoreConfig config) throws IOException {
    hub = new WatchHub();
    node = new StoreNode(config, hub);
    AuthGate auth = new AuthGate(node);
    // directExecutor on the peer port: its handlers only queue work for the Raft loop, never block, so
    // running them on the event loop saves a thread hand-off per message. Client requests can be costly
    // (a large or deeply nested txn), so the client port runs on threads of its own (ClientThreads).
    peer = GrpcTls.serve(NettyServerBuilder.forAddress(address(config.peerUrl())), config.peerTls()).directExecutor()
        .maxInboundMessageSize(512 << 20).addService(PeerServer.service(node)).build();
    ClientMetrics metrics = new ClientMetrics(node);
    // /health, /version and /metrics share a plain client port (HttpOnClientPort sniffs the first bytes); a
    // TLS port is gRPC only, since telling HTTP/1.1 from gRPC there needs ALPN after the handshake.
    NettyServerBuilder clientBuilder = config.clientTls().enabled()
        ? GrpcTls.serve(NettyServerBuilder.forAddress(address(config.clientUrl())), config.clientTls())
        : NettyServerBuilder.forAddress(address(config.clientUrl()),
            HttpOnClientPort.wrap(InsecureServerCredentials.create(), () -> new HttpEndpoints(node, metrics)));
    client = clientThreads.apply(clientBuilder)
        .intercept(metrics)
        .maxInboundMessageSize(config.maxRequestBytes() + GRPC_OVERHEAD_BYTES)
        .intercept(new Callers(config.clientTls().clientCertAuth()))
        .addService(JunkRequests.refusedAsInternal(KVGrpc.bindService(new KvService(node, auth))))
        .addService(JunkRequests.refusedAsInternal(WatchGrpc.bindService(new WatchService(node, hub, auth))))
        .addService(JunkRequests.refusedAsInternal(LeaseLeases.bind(new LeaseService(node, auth), node)))
        .addService(JunkRequests.refusedAsInternal(AuthGrpc.bindService(new AuthService(node, auth))))
        .addService(JunkRequests.refusedAsInternal(ClusterGrpc.bindService(new ClusterService(node))))
        .addService(JunkRequests.refusedAsInternal(MaintenanceGrpc.bindService(new MaintenanceService(node, auth))))
        .build();
    long every = config.progressNotifyMs();
    progress.scheduleAtFixedRate(() -> node.read(m -> {
      hub.progress(m.currentRevision());
      return null;
    }), every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Starts listening and the Raft loop. When a port cannot be bound, stops what the constructor
   * started and throws, so that a caller can start again on other ports.
   */
  public StoreServer start() throws IOException {
    try {
      peer.start();
      client.start();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    node.config().faults().announce(node.config().name());
    node.start();
    LOG.info("{}: serving the etcd v3 API on {}, peers on {}", node.config().name(),
        node.config().clientUrl(), node.config().peerUrl());
    return this;
  }

  /** This member's watchers (tests look at back-pressure through it). */
  WatchHub watchHub() {
    return hub;
  }

  public StoreNode node() {
    return node;
  }

  private static InetSocketAddress address(java.net.URI url) {
    return new InetSocketAddress(url.getHost(), url.getPort());
  }

  @Override
  public void close() throws IOException {
    progress.shutdownNow();
    client.shutdownNow();
    peer.shutdownNow();
    node.close();
    try {
      client.awaitTermination(5, TimeUnit.SECONDS);
      peer.awaitTermination(5, TimeUnit.SECONDS);
      clientThreads.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
