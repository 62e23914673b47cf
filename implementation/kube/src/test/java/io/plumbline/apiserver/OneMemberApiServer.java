package io.plumbline.apiserver;

import io.plumbline.apiserver.http.Fencing;
import io.plumbline.controller.ApiClient;
import java.io.IOException;
import java.time.Duration;

/**
 * A one-member real etcd and an API server on it (duties on, 3 simulated nodes, 1 s resync): the
 * fixture of the controller-manager tests. Stops both on {@link #close}.
 */
public final class OneMemberApiServer implements AutoCloseable {
  private final EtcdTestCluster etcd;
  private final ApiServer server;

  private OneMemberApiServer(EtcdTestCluster etcd, ApiServer server) {
    this.etcd = etcd;
    this.server = server;
  }

  public static OneMemberApiServer start() throws IOException {
    return start(true);
  }

  /** With {@code fencing} false the API server only observes the lease-generation header. */
  public static OneMemberApiServer start(boolean fencing) throws IOException {
    EtcdTestCluster etcd = EtcdTestCluster.start(1);
    try {
      return new OneMemberApiServer(etcd, ApiServer.start(new ApiServer.Settings(
          etcd.clientUrls(), "127.0.0.1", 0, Duration.ofSeconds(5), true, 1_000, 3, 500,
          fencing)));
    } catch (RuntimeException e) {
      etcd.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** An unfenced client with a generous deadline, for the test's own reads and writes. */
  public ApiClient client() {
    return new ApiClient(url(), Duration.ofSeconds(10), Fencing.HEADER, () -> null);
  }

  /** The API server's fence reports each fenced write to {@code sink} (trace validation). */
  public void traceFencingTo(io.plumbline.apiserver.api.LeaseTraceSink sink) {
    server.traceFencingTo(sink);
  }

  @Override
  public void close() throws IOException {
    server.close();
    etcd.close();
  }
}
