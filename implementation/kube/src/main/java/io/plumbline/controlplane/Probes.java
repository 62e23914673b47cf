package io.plumbline.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.api.StatusResponse;
import io.plumbline.store.cli.MemberStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One-shot readiness probes of the components; each answers quickly and never throws. */
public final class Probes {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private Probes() {}

  /**
   * {@code Maintenance.Status} of a store member (real etcd and the reference store both answer):
   * present when the member answered and knows a leader.
   */
  public static Optional<StatusResponse> storeWithLeader(String clientUrl) {
    return MemberStatus.withLeader(clientUrl, TIMEOUT);
  }

  /** The HTTP status of {@code GET url}, or -1 when there was no answer. */
  public static int httpStatus(String url) {
    return get(url).map(HttpResponse::statusCode).orElse(-1);
  }

  /** The Lease's {@code spec.holderIdentity} read through {@code serverUrl} ("" when none). */
  public static Optional<String> leaseHolder(String serverUrl, String namespace, String name) {
    return get(serverUrl + "/apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases/"
        + name).filter(r -> r.statusCode() == 200).map(r -> {
          try {
            JsonNode lease = ControlPlaneState.MAPPER.readTree(r.body());
            return lease.path("spec").path("holderIdentity").asText("");
          } catch (IOException e) {
            return "";
          }
        });
  }

  /** HAProxy's view of each API server ({@code apiserver-1} → {@code UP}, {@code DOWN}, ...). */
  public static Map<String, String> haproxyBackends(String statsUrl) {
    Map<String, String> out = new LinkedHashMap<>();
    get(statsUrl + ";csv").filter(r -> r.statusCode() == 200).ifPresent(r -> {
      for (String line : r.body().split("\n")) {
        String[] f = line.split(",", -1);
        if (f.length > 17 && f[0].equals("apiservers") && f[1].startsWith("apiserver-")) {
          out.put(f[1], f[17]);
        }
      }
    });
    return out;
  }

  private static Optional<HttpResponse<String>> get(String url) {
    try {
      return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
