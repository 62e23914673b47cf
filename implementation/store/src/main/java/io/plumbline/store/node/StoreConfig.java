package io.plumbline.store.node;

import io.plumbline.store.fault.Faults;
import io.plumbline.store.security.TlsFlags;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed configuration of one member (etcd's flags where they exist).
 *
 * @param name this member's name (etcd {@code --name})
 * @param dataDir where the WAL and snapshots live
 * @param clientUrl where the etcd v3 gRPC API listens
 * @param peerUrl where peers connect
 * @param initialCluster every member's name and peer URL, this one included
 * @param tickMs duration of one Raft tick (etcd {@code --heartbeat-interval})
 * @param electionTicks election timeout in ticks (etcd's 1000 ms / 100 ms = 10)
 * @param snapshotCount applied entries between snapshots (etcd {@code --snapshot-count})
 * @param catchUpEntries entries kept behind a snapshot for slow followers
 * @param maxRequestBytes largest client request (etcd {@code --max-request-bytes}, 1.5 MiB)
 * @param maxTxnOps most compares or ops per txn branch (etcd {@code --max-txn-ops})
 * @param requestTimeoutMs how long a write or linearizable read may wait before "request timed out"
 * @param progressNotifyMs interval of watch progress notifications (etcd: 10 minutes)
 * @param faults deliberate misbehaviour ({@code --fault}); {@link Faults#NONE} for the correct store
 * @param clientTls TLS of the client port ({@code --cert-file} ...); {@link TlsFlags#NONE} for plaintext
 * @param peerTls TLS of the peer port and of the links to peers ({@code --peer-cert-file} ...)
 */
public record StoreConfig(
    String name,
    Path dataDir,
    URI clientUrl,
    URI peerUrl,
    Map<String, URI> initialCluster,
    int tickMs,
    int electionTicks,
    long snapshotCount,
    long catchUpEntries,
    int maxRequestBytes,
    int maxTxnOps,
    long requestTimeoutMs,
    long progressNotifyMs,
    Faults faults,
    TlsFlags clientTls,
    TlsFlags peerTls) {

  public StoreConfig {
    initialCluster = java.util.Collections.unmodifiableMap(new TreeMap<>(initialCluster));
    if (!initialCluster.containsKey(name)) {
      throw new IllegalArgumentException("--initial-cluster does not name this member " + name);
    }
  }

  /** etcd's defaults for everything but names, paths and URLs. */
  public static StoreConfig defaults(String name, Path dataDir, URI clientUrl, URI peerUrl,
      Map<String, URI> initialCluster) {
    return new StoreConfig(name, dataDir, clientUrl, peerUrl, initialCluster, 100, 10, 10_000,
        5_000, 1536 * 1024, 128, 5_000, 600_000, Faults.NONE, TlsFlags.NONE, TlsFlags.NONE);
  }

  public StoreConfig withSnapshotCount(long count, long catchUp) {
    return new StoreConfig(name, dataDir, clientUrl, peerUrl, initialCluster, tickMs, electionTicks,
        count, catchUp, maxRequestBytes, maxTxnOps, requestTimeoutMs, progressNotifyMs, faults, clientTls, peerTls);
  }

  public StoreConfig withTiming(int tick, int election, long requestTimeout, long progressNotify) {
    return new StoreConfig(name, dataDir, clientUrl, peerUrl, initialCluster, tick, election,
        snapshotCount, catchUpEntries, maxRequestBytes, maxTxnOps, requestTimeout, progressNotify, faults, clientTls, peerTls);
  }

  public StoreConfig withMaxRequestBytes(int bytes) {
    return new StoreConfig(name, dataDir, clientUrl, peerUrl, initialCluster, tickMs, electionTicks,
        snapshotCount, catchUpEntries, bytes, maxTxnOps, requestTimeoutMs, progressNotifyMs, faults, clientTls, peerTls);
  }

  public StoreConfig withFaults(Faults f) {
    return new StoreConfig(name, dataDir, clientUrl, peerUrl, initialCluster, tickMs, electionTicks,
        snapshotCount, catchUpEntries, maxRequestBytes, maxTxnOps, requestTimeoutMs, progressNotifyMs, f, clientTls, peerTls);
  }

  public StoreConfig withTls(TlsFlags client, TlsFlags peer) {
    return new StoreConfig(name, dataDir, clientUrl, peerUrl, initialCluster, tickMs, electionTicks,
        snapshotCount, catchUpEntries, maxRequestBytes, maxTxnOps, requestTimeoutMs, progressNotifyMs, faults,
        client, peer);
  }

  /** etcd's minimum lease TTL: 1.5 election timeouts, rounded up to seconds. */
  public long minLeaseTtlSeconds() {
    return (long) Math.ceil(1.5 * electionTicks * tickMs / 1000.0);
  }
}
