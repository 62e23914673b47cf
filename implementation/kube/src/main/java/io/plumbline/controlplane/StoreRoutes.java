package io.plumbline.controlplane;

import java.util.List;

/**
 * Which store endpoints each API server is given. {@code up} uses {@link #DIRECT}; a chaos run
 * puts proxies it can cut between an API server and the store members, to partition that API
 * server from the store.
 */
@FunctionalInterface
public interface StoreRoutes {
  /** The endpoints {@code apiServer} (e.g. {@code apiserver-1}) should dial. */
  List<String> endpointsFor(String apiServer, List<String> storeEndpoints);

  /** Every API server talks to the store members directly. */
  StoreRoutes DIRECT = (apiServer, storeEndpoints) -> storeEndpoints;
}
