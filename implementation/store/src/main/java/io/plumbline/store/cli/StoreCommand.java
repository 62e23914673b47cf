package io.plumbline.store.cli;

import io.plumbline.common.UserError;
import io.plumbline.store.node.StoreConfig;
import io.plumbline.store.security.ListenWarnings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.plumbline.store.server.StoreServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./plumbline store}: runs one member of the reference store (etcd's flag names). */
@Command(name = "store", mixinStandardHelpOptions = true,
    description = "Run one member of the reference store, a replicated MVCC key-value store "
        + "speaking etcd's v3 gRPC API.")
public final class StoreCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(StoreCommand.class);

  @Option(names = "--name", required = true, description = "This member's name, as in --initial-cluster.")
  String name;

  @Option(names = "--data-dir", required = true, description = "Directory for the WAL and snapshots.")
  Path dataDir;

  @Option(names = "--listen-client-urls", defaultValue = "http://127.0.0.1:2379",
      description = "Where the etcd v3 gRPC API listens (default ${DEFAULT-VALUE}).")
  String clientUrls;

  @Option(names = "--listen-peer-urls", defaultValue = "http://127.0.0.1:2380",
      description = "Where peers connect (default ${DEFAULT-VALUE}).")
  String peerUrls;

  @Option(names = "--initial-cluster", description = "name=peerURL,... for every member (default: this one alone).")
  String initialCluster;

  @Option(names = "--heartbeat-interval", defaultValue = "100", description = "Raft tick in ms (default ${DEFAULT-VALUE}).")
  int heartbeatMs;

  @Option(names = "--election-timeout", defaultValue = "1000", description = "Election timeout in ms (default ${DEFAULT-VALUE}).")
  int electionMs;

  @Option(names = "--snapshot-count", defaultValue = "100000",
      description = "Applied entries between snapshots (default ${DEFAULT-VALUE}, etcd 3.4's).")
  long snapshotCount;

  @Option(names = "--max-request-bytes", defaultValue = "1572864", description = "Largest client request (default ${DEFAULT-VALUE}).")
  int maxRequestBytes;

  @Option(names = "--auth-token", defaultValue = "simple",
      description = "Token type of the Auth service: only etcd's 'simple' tokens (default ${DEFAULT-VALUE}).")
  String authToken;

  @Mixin FaultOptions faults;

  @Mixin TlsOptions tls;

  @Override
  public Integer call() throws Exception {
    URI client = ClusterFlags.url("--listen-client-urls", clientUrls);
    URI peer = ClusterFlags.url("--listen-peer-urls", peerUrls);
    Map<String, URI> cluster = initialCluster == null ? Map.of(name, peer) : ClusterFlags.initialCluster(initialCluster);
    if (!cluster.containsKey(name)) {
      throw new UserError("--initial-cluster: does not name this member '" + name + "'");
    }
    if (!"simple".equals(authToken.split(",")[0])) {
      throw new UserError("--auth-token: only 'simple' is supported, got '" + authToken.split(",")[0] + "'");
    }
    if (heartbeatMs <= 0 || electionMs <= heartbeatMs) {
      throw new UserError("--election-timeout must exceed --heartbeat-interval (both > 0)");
    }
    StoreConfig config = StoreConfig.defaults(name, dataDir, client, peer, cluster)
        .withTiming(heartbeatMs, electionMs / heartbeatMs, 5_000, 600_000)
        .withSnapshotCount(snapshotCount, Math.min(5_000, snapshotCount))
        .withMaxRequestBytes(maxRequestBytes)
        .withFaults(faults.faults())
        .withTls(tls.client(client), tls.peer(peer));
    warnIfExposed(config);
    StoreServer server;
    try {
      server = new StoreServer(config).start();
    } catch (java.io.IOException e) {
      throw new UserError("cannot start member " + name + ": " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close();
      } catch (Exception e) {
        // exiting anyway
      }
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static void warnIfExposed(StoreConfig config) {
    for (String w : new String[] {
        ListenWarnings.warning("--listen-client-urls", config.clientUrl(), config.clientTls()),
        ListenWarnings.warning("--listen-peer-urls", config.peerUrl(), config.peerTls())}) {
      if (w != null) {
        LOG.warn(w);
      }
    }
  }
}
