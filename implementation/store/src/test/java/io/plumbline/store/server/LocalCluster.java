package io.plumbline.store.server;

import io.plumbline.store.node.StoreConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** N in-process members on free 127.0.0.1 ports, each with its own data directory; restartable. */
final class LocalCluster implements AutoCloseable {
  final List<StoreConfig> configs = new ArrayList<>();
  final StoreServer[] servers;

  LocalCluster(int n, Path dir, UnaryOperator<StoreConfig> tune) throws IOException {
    Map<String, URI> peers = new LinkedHashMap<>();
    List<URI> clients = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      peers.put("n" + i, URI.create("http://127.0.0.1:" + freePort()));
      clients.add(URI.create("http://127.0.0.1:" + freePort()));
    }
    for (int i = 1; i <= n; i++) {
      configs.add(tune.apply(StoreConfig.defaults("n" + i, dir.resolve("n" + i), clients.get(i - 1),
          peers.get("n" + i), peers)));
    }
    servers = new StoreServer[n];
    for (int i = 0; i < n; i++) {
      start(i);
    }
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

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
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
