package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.runtime.local.ClientLinkProxies;
import io.plumbline.controlplane.StoreRoutes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store links of every API server of a control-plane run, each API server's through proxies
 * of its own ({@link ClientLinkProxies}), handed to {@code up} as its {@link StoreRoutes}: the
 * nemesis cuts one API server's links to partition it from the store, and heals them.
 */
final class CpStoreLinks implements StoreRoutes, AutoCloseable {
  private final Map<String, ClientLinkProxies> byApiServer = new ConcurrentHashMap<>();

  @Override
  public List<String> endpointsFor(String apiServer, List<String> storeEndpoints) {
    return byApiServer.computeIfAbsent(apiServer, a -> new ClientLinkProxies(storeEndpoints))
        .endpoints();
  }

  /** Cuts (or with {@code cut} false heals) every store link of {@code apiServer}. */
  void set(String apiServer, boolean cut) {
    ClientLinkProxies links = byApiServer.get(apiServer);
    if (links == null) {
      throw new IllegalArgumentException("no store links recorded for " + apiServer);
    }
    if (cut) {
      links.cut();
    } else {
      links.heal();
    }
  }

  void healAll() {
    byApiServer.values().forEach(ClientLinkProxies::heal);
  }

  @Override
  public void close() {
    byApiServer.values().forEach(ClientLinkProxies::close);
  }
}
