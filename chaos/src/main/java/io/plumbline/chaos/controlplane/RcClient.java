package io.plumbline.chaos.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Replication controllers through HAProxy, as a kubectl user would change them. Each call is one
 * history operation: 2xx ok; 4xx a definite fail (refused as such); no answer, timeouts and 5xx
 * indeterminate (info: the write may still have happened).
 */
final class RcClient {
  static final String RCS = "/api/v1/namespaces/default/replicationcontrollers";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String base;

  RcClient(String base) {
    this.base = base;
  }

  String create(String name, int replicas) {
    return send(request(RCS).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(rc(name, replicas))));
  }

  String scale(String name, int replicas) {
    return send(request(RCS + "/" + name + "/scale")
        .header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(
            "{\"spec\":{\"replicas\":" + replicas + "}}")));
  }

  String delete(String name) {
    return send(request(RCS + "/" + name).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString(
            "{\"propagationPolicy\":\"Background\"}")));
  }

  /** GET of a path as JSON, empty when there was no 200 answer. */
  Optional<JsonNode> get(String path) {
    try {
      HttpResponse<byte[]> r = http.send(request(path).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
  }

  /** "ok", "fail" or "info". */
  private String send(HttpRequest.Builder request) {
    try {
      int code = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return code >= 200 && code < 300 ? "ok" : code >= 400 && code < 500 ? "fail" : "info";
    } catch (HttpTimeoutException e) {
      return "info";
    } catch (IOException e) {
      return "info";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "info";
    }
  }

  static String rc(String name, int replicas) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"replicas\":" + replicas
        + ",\"selector\":{\"rc\":\"" + name + "\"},\"template\":{\"metadata\":{\"labels\":"
        + "{\"rc\":\"" + name + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":"
        + "\"busybox\"}]}}}}";
  }
}
