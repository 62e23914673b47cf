package io.plumbline.db;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Tells whether a member answers as healthy. One probe call never blocks longer than its timeout.
 * A store that serves no HTTP {@code /health} is probed with gRPC's {@code Maintenance.Status}
 * ({@code StatusProbe} in conformance), which needs the gRPC libraries this module does not carry.
 */
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
}
