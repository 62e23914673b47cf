package io.plumbline.apiserver.cli;

import io.plumbline.apiserver.ApiServer;
import io.plumbline.apiserver.api.LeaseTraceFile;
import io.plumbline.apiserver.store.StoreFailure;
import io.plumbline.common.UserError;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./plumbline apiserver}: runs one API server in the foreground until interrupted. */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
    description = "Run a Kubernetes-style API server (core/v1 + coordination.k8s.io/v1) backed by "
        + "an etcd v3 store, with its scheduler and endpoints controller.")
public final class ApiServerCommand implements Runnable {
  @Mixin StoreEndpointOptions store;
  @Mixin ListenOptions listen;
  @Mixin FencingOption fencing;
  @Mixin SecurityOptions security;

  @Option(names = "--nodes", defaultValue = "0",
      description = "Register this many simulated Ready nodes node-1..N (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--no-duties", negatable = false,
      description = "Do not run the scheduler and endpoints controller in this API server.")
  boolean noDuties;

  @Option(names = "--no-in-process-scheduler", negatable = false,
      description = "Run the duties but leave binding pods to an external scheduler "
          + "(pods/binding), as kube-apiserver does.")
  boolean noInProcessScheduler;

  @Option(names = "--resync-ms", defaultValue = "5000",
      description = "Duties re-run at least this often (default: ${DEFAULT-VALUE}).")
  long resyncMs;

  @Option(names = "--watch-bookmark-ms", defaultValue = "60000",
      description = "Watches that allow bookmarks get one this often when idle "
          + "(default: ${DEFAULT-VALUE}).")
  long watchBookmarkMs;

  @Option(names = "--lease-trace-file", paramLabel = "FILE",
      description = "Append each fenced write's outcome (WriteLands, WriteRejected) for the Lease "
          + "--lease-trace-lease to FILE as JSON lines, for trace validation against "
          + "spec/election/LeaseElection.tla.")
  java.nio.file.Path leaseTraceFile;

  @Option(names = "--lease-trace-lease", defaultValue = "kube-system/kube-controller-manager",
      paramLabel = "NS/NAME", description = "The Lease whose fenced writes --lease-trace-file "
          + "traces (default: ${DEFAULT-VALUE}).")
  String leaseTraceLease;

  @Override
  public void run() {
    validate();
    ApiServer.Settings settings = new ApiServer.Settings(store.endpoints(), listen.bindAddress(),
        listen.port(), Duration.ofMillis(store.requestTimeoutMs()), !noDuties, resyncMs, nodes,
        watchBookmarkMs, fencing.fencing(), security.security(), !noInProcessScheduler);
    ApiServer server = startWaitingForTheStore(settings);
    if (leaseTraceFile != null) {
      try {
        server.traceFencingTo(new LeaseTraceFile(leaseTraceFile), leaseTraceLease);
      } catch (java.io.IOException e) {
        server.close();
        throw new UserError("--lease-trace-file " + leaseTraceFile + ": " + e.getMessage(), e);
      }
    }
    System.out.println("apiserver: serving " + (settings.security().https() ? "https" : "http")
        + "://" + listen.bindAddress() + ":" + server.port() + " backed by "
        + String.join(",", store.endpoints()) + " (authorization " + settings.security()
            .authorizationMode() + ", anonymous " + (settings.security().anonymousAuth()
                ? "allowed" : "refused") + ")");
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
    long deadline = System.nanoTime() + Duration.ofMillis(store.storeWaitMs()).toNanos();
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
    return new UserError("could not start (--etcd-endpoints "
        + String.join(",", store.endpoints()) + ", --port " + listen.port() + "): "
        + e.getMessage(), e);
  }

  private void validate() {
    store.validate();
    listen.validate();
    if (resyncMs <= 0 || watchBookmarkMs <= 0 || nodes < 0) {
      throw new UserError("--resync-ms, --watch-bookmark-ms must be positive, --nodes >= 0");
    }
  }
}
