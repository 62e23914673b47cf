package io.plumbline.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.api.StatusResponse;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.db.StatusProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One-shot readiness probes of the components; each answers quickly and never throws, except that a store
 * refusing the TLS handshake (the certificates in {@code DIR/pki} do not fit it) is a {@code UserError} at once:
 * waiting would not help.
 */
public final class Probes {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private Probes() {}

  /**
   * How probes reach a control plane: plain, or (when {@code up} made {@code DIR/pki}) HTTPS
   * trusting its CA with the admin certificate, and the store over TLS with the API servers'
   * store client certificate.
   */
  public record Access(HttpClient http, EtcdAccess store) {
    public static final Access PLAIN = new Access(HTTP, EtcdAccess.NONE);

    /** The access to the control plane in {@code dir}: secure when it has a {@code pki}. */
    public static Access of(Path dir) {
      UpPki pki = new UpPki(dir.resolve("pki"));
      if (!Files.exists(pki.cert("admin"))) {
        return PLAIN;
      }
      try {
        return new Access(HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .sslContext(pki.context("admin")).build(), new EtcdAccess(pki.ca(),
                pki.cert(UpPki.STORE_CLIENT), pki.key(UpPki.STORE_CLIENT), null, null));
      } catch (IOException e) {
        throw new UncheckedIOException("the certificates in " + pki.dir() + ": " + e.getMessage(),
            e);
      }
    }
  }

  /**
   * {@code Maintenance.Status} of a store member ({@link StatusProbe}, the harness's one status probe):
   * present when the member answered and knows a leader.
   */
  public static Optional<StatusResponse> storeWithLeader(String clientUrl) {
    return storeWithLeader(Access.PLAIN, clientUrl);
  }

  public static Optional<StatusResponse> storeWithLeader(Access access, String clientUrl) {
    return StatusProbe.withLeader(clientUrl, TIMEOUT, access.store());
  }

  /** The HTTP status of {@code GET url}, or -1 when there was no answer. */
  public static int httpStatus(String url) {
    return httpStatus(Access.PLAIN, url);
  }

  public static int httpStatus(Access access, String url) {
    return get(access, url).map(HttpResponse::statusCode).orElse(-1);
  }

  /** The Lease's {@code spec.holderIdentity} read through {@code serverUrl} ("" when none). */
  public static Optional<String> leaseHolder(String serverUrl, String namespace, String name) {
    return leaseHolder(Access.PLAIN, serverUrl, namespace, name);
  }

  public static Optional<String> leaseHolder(Access access, String serverUrl, String namespace,
      String name) {
    return get(access, serverUrl + "/apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases/"
        + name).filter(r -> r.statusCode() == 200).map(r -> {
          try {
            JsonNode lease = ControlPlaneState.MAPPER.readTree(r.body());
            return lease.path("spec").path("holderIdentity").asText("");
          } catch (IOException e) {
            return "";
          }
        });
  }

  /**
   * Creates Lease {@code namespace/name} with no holder and no transitions, LeaseElection.tla's
   * initial Lease, so that a traced election starts where the spec does (a candidate that finds
   * no Lease creates one itself, a step the spec does not have). Throws when it cannot.
   */
  public static void createEmptyLease(Access access, String serverUrl, String namespace,
      String name) {
    String body = "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":"
        + "{\"name\":\"" + name + "\",\"namespace\":\"" + namespace + "\"},\"spec\":"
        + "{\"holderIdentity\":\"\",\"leaseTransitions\":0}}";
    HttpRequest post = HttpRequest.newBuilder(URI.create(serverUrl
        + "/apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases")).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      HttpResponse<String> r = access.http().send(post, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201 && r.statusCode() != 200) {
        throw new IllegalStateException("creating Lease " + namespace + "/" + name + ": "
            + r.statusCode() + " " + r.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("creating Lease " + namespace + "/" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** HAProxy's view of each API server ({@code apiserver-1} → {@code UP}, {@code DOWN}, ...). */
  public static Map<String, String> haproxyBackends(String statsUrl) {
    Map<String, String> out = new LinkedHashMap<>();
    get(Access.PLAIN, statsUrl + ";csv").filter(r -> r.statusCode() == 200).ifPresent(r -> {
      for (String line : r.body().split("\n")) {
        String[] f = line.split(",", -1);
        if (f.length > 17 && f[0].equals("apiservers") && f[1].startsWith("apiserver-")) {
          out.put(f[1], f[17]);
        }
      }
    });
    return out;
  }

  private static Optional<HttpResponse<String>> get(Access access, String url) {
    try {
      return Optional.of(access.http().send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
