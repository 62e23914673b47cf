package io.plumbline.store.server;

import io.plumbline.common.net.Ports;
import io.plumbline.store.node.StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/** N in-process members on picked 127.0.0.1 ports (see {@link Ports#withRetry}), each with its own data directory; restartable. */
final class LocalCluster implements AutoCloseable {
  final List<StoreConfig> configs = new ArrayList<>();
  final StoreServer[] servers;

  /**
   * Starts the members on picked ports; when one cannot be bound (another program took it since it
   * was picked) stops what started and starts again on new ports.
   */
  LocalCluster(int n, Path dir, UnaryOperator<StoreConfig> tune) throws Exception {
    this(n, dir, "http", tune);
  }

  /** As above with {@code scheme} ("https" when {@code tune} turns TLS on) in every URL. */
  LocalCluster(int n, Path dir, String scheme, UnaryOperator<StoreConfig> tune) throws Exception {
    servers = new StoreServer[n];
    Ports.withRetry(2 * n, ports -> startOn(n, dir, scheme, tune, ports), LoggerFactory.getLogger(LocalCluster.class)::warn);
  }

  private Void startOn(int n, Path dir, String scheme, UnaryOperator<StoreConfig> tune, List<Integer> ports) throws IOException {
    Map<String, URI> peers = new LinkedHashMap<>();
    List<URI> clients = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      peers.put("n" + i, URI.create(scheme + "://127.0.0.1:" + ports.get(2 * i - 2)));
      clients.add(URI.create(scheme + "://127.0.0.1:" + ports.get(2 * i - 1)));
    }
    configs.clear();
    for (int i = 1; i <= n; i++) {
      configs.add(tune.apply(StoreConfig.defaults("n" + i, dir.resolve("n" + i), clients.get(i - 1),
          peers.get("n" + i), peers)));
    }
    try {
      for (int i = 0; i < n; i++) {
        start(i);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    return null;
  }

  void start(int i) throws IOException {
    servers[i] = new StoreServer(configs.get(i)).start();
  }

  void stop(int i) throws IOException {
    servers[i].close();
    servers[i] = null;
  }

  String[] endpoints() {
    return configs.stream().map(c -> c.clientUrl().toString()).toArray(String[]::new);
  }

  /** Index of the member that is leader in everyone's view, or -1. */
  int leader() {
    for (int i = 0; i < servers.length; i++) {
      if (servers[i] != null && servers[i].node().isLeader()) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    for (int i = 0; i < servers.length; i++) {
      if (servers[i] != null) {
        stop(i);
      }
    }
  }
}
