package io.plumbline.apiserver.cli;

import io.plumbline.common.UserError;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How the API server reaches its etcd v3 store: the endpoints, the deadline of each call, and how
 * long to keep retrying a store that does not answer at start. A picocli mixin.
 */
public final class StoreEndpointOptions {
  @Option(names = "--etcd-endpoints", split = ",", defaultValue = "http://127.0.0.1:2379",
      description = "Comma-separated etcd client URLs (default: ${DEFAULT-VALUE}).")
  List<String> etcdEndpoints;

  @Option(names = "--request-timeout-ms", defaultValue = "5000",
      description = "Deadline of every store call (default: ${DEFAULT-VALUE}).")
  long requestTimeoutMs;

  @Option(names = "--store-wait-ms", defaultValue = "0",
      description = "At start, keep retrying a store that does not answer for this long before "
          + "giving up (default: ${DEFAULT-VALUE}: give up at once).")
  long storeWaitMs;

  public List<String> endpoints() {
    return etcdEndpoints;
  }

  public long requestTimeoutMs() {
    return requestTimeoutMs;
  }

  public long storeWaitMs() {
    return storeWaitMs;
  }

  /** Every endpoint an http://HOST:PORT URL; the timeout positive, the wait not negative. */
  public void validate() {
    for (String endpoint : etcdEndpoints) {
      URI uri;
      try {
        uri = URI.create(endpoint);
      } catch (IllegalArgumentException e) {
        throw new UserError("--etcd-endpoints: not a URL: " + endpoint);
      }
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new UserError("--etcd-endpoints: expected http://HOST:PORT, got " + endpoint);
      }
    }
    if (requestTimeoutMs <= 0 || storeWaitMs < 0) {
      throw new UserError("--request-timeout-ms must be positive, --store-wait-ms >= 0");
    }
  }
}
