package io.plumbline.apiserver.cli;

import io.plumbline.apiserver.ApiServer;
import io.plumbline.apiserver.store.StoreFailure;
import io.plumbline.common.UserError;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./plumbline apiserver}: runs one API server in the foreground until interrupted. */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
    description = "Run a Kubernetes-style API server (core/v1 + coordination.k8s.io/v1) backed by "
        + "an etcd v3 store, with its scheduler and endpoints controller.")
public final class ApiServerCommand implements Runnable {
  @Option(names = "--etcd-endpoints", split = ",", defaultValue = "http://127.0.0.1:2379",
      description = "Comma-separated etcd client URLs (default: ${DEFAULT-VALUE}).")
  List<String> etcdEndpoints;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bindAddress;

  @Option(names = "--port", defaultValue = "6443",
      description = "HTTP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--request-timeout-ms", defaultValue = "5000",
      description = "Deadline of every store call (default: ${DEFAULT-VALUE}).")
  long requestTimeoutMs;

  @Option(names = "--nodes", defaultValue = "0",
      description = "Register this many simulated Ready nodes node-1..N (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--no-duties", negatable = false,
      description = "Do not run the scheduler and endpoints controller in this API server.")
  boolean noDuties;

  @Option(names = "--resync-ms", defaultValue = "5000",
      description = "Duties re-run at least this often (default: ${DEFAULT-VALUE}).")
  long resyncMs;

  @Option(names = "--watch-bookmark-ms", defaultValue = "60000",
      description = "Watches that allow bookmarks get one this often when idle "
          + "(default: ${DEFAULT-VALUE}).")
  long watchBookmarkMs;

  @Option(names = "--no-fencing", negatable = false,
      description = "Accept writes from stale lease generations, only counting and logging them "
          + "(shows what fencing prevents).")
  boolean noFencing;

  @Option(names = "--store-wait-ms", defaultValue = "0",
      description = "At start, keep retrying a store that does not answer for this long before "
          + "giving up (default: ${DEFAULT-VALUE}: give up at once).")
  long storeWaitMs;

  @Override
  public void run() {
    validate();
    ApiServer.Settings settings = new ApiServer.Settings(etcdEndpoints, bindAddress, port,
        Duration.ofMillis(requestTimeoutMs), !noDuties, resyncMs, nodes, watchBookmarkMs,
        !noFencing);
    ApiServer server = startWaitingForTheStore(settings);
    System.out.println("apiserver: serving http://" + bindAddress + ":" + server.port()
        + " backed by " + String.join(",", etcdEndpoints));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stop.countDown();
    }));
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts; while the store does not answer, retries until {@code --store-wait-ms} is spent. */
  private ApiServer startWaitingForTheStore(ApiServer.Settings settings) {
    long deadline = System.nanoTime() + Duration.ofMillis(storeWaitMs).toNanos();
    while (true) {
      try {
        return ApiServer.start(settings);
      } catch (StoreFailure e) {
        if (System.nanoTime() >= deadline) {
          throw startError(e);
        }
        System.err.println("apiserver: the store did not answer (" + e.getMessage()
            + "); retrying");
      } catch (RuntimeException e) {
        throw startError(e);
      }
    }
  }

  private UserError startError(RuntimeException e) {
    return new UserError("could not start (--etcd-endpoints " + String.join(",", etcdEndpoints)
        + ", --port " + port + "): " + e.getMessage(), e);
  }

  private void validate() {
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
    if (port < 0 || port > 65535) {
      throw new UserError("--port: " + port + " is not a TCP port");
    }
    if (requestTimeoutMs <= 0 || resyncMs <= 0 || watchBookmarkMs <= 0 || nodes < 0
        || storeWaitMs < 0) {
      throw new UserError("--request-timeout-ms, --resync-ms, --watch-bookmark-ms must be positive, "
          + "--nodes >= 0");
    }
  }
}
