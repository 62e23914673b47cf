package io.plumbline.apiserver;

import io.plumbline.apiserver.http.Fencing;
import io.plumbline.controller.ApiClient;
import java.io.IOException;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.ResourceType;
import io.plumbline.apiserver.api.WriteFence;
import io.plumbline.apiserver.store.EtcdObjectStore;
import io.plumbline.apiserver.store.ObjectStore;
import java.time.Clock;
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

  /**
   * Marks an object as being deleted ({@code metadata.deletionTimestamp} = {@code at}) as only the
   * server may: a client's update or patch that sets it is 422, so this writes through the store,
   * as the first step of an {@code Orphan} delete does.
   */
  public void markDeleting(ResourceType type, String namespace, String name, String at) {
    try (ObjectStore direct = new EtcdObjectStore(etcd.clientUrls(), Duration.ofSeconds(10),
        null)) {
      new ObjectService(direct, Clock.systemUTC(), new java.util.Random(1)).mutate(type,
          namespace, name, "", o -> {
            Json.child(o, "metadata").put("deletionTimestamp", at);
            return o;
          }, WriteFence.NONE);
    }
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
