package io.plumbline.db;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Tells whether a member answers as healthy. One probe call never blocks longer than its timeout. */
@FunctionalInterface
public interface HealthProbe {
  /** True when the member at {@code clientUrl} is healthy now. */
  boolean healthy(String clientUrl);

  /**
   * etcd's {@code GET /health} with a body containing {@code "health":"true"} (etcd 3.4 answers
   * true only when the member sees a leader and can serve a quorum read).
   */
  static HealthProbe http(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    return clientUrl -> {
      try {
        HttpRequest req = HttpRequest.newBuilder(URI.create(clientUrl + "/health")).timeout(timeout).GET().build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        return resp.statusCode() == 200 && resp.body().replace(" ", "").contains("\"health\":\"true\"");
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }

  /**
   * For stores without an HTTP {@code /health}: a gRPC Maintenance.Status call that must name a
   * leader.
   */
  static HealthProbe grpcStatus(Duration timeout) {
    return clientUrl -> {
      try (Client c = Client.builder().endpoints(clientUrl).build()) {
        StatusResponse s = c.getMaintenanceClient().statusMember(clientUrl).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return s.getLeader() != 0;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }
}
