package io.plumbline.chaos.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.apiserver.http.ApiHttpServer;
import io.plumbline.chaos.workload.Completion;
import io.plumbline.history.OpType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Replication controllers through HAProxy, as a kubectl user would change them; see {@link #call}
 * for how an answer becomes a history operation.
 */
final class RcClient {
  static final String RCS = "/api/v1/namespaces/default/replicationcontrollers";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final String base;
  private final java.util.function.UnaryOperator<String> serverName;

  RcClient(String base) {
    this(base, s -> s);
  }

  /** {@code serverName}: the name of the API server a served-by header identifies. */
  RcClient(String base, java.util.function.UnaryOperator<String> serverName) {
    this.base = base;
    this.serverName = serverName;
  }

  String create(String name, int replicas) {
    return outcome(createRequest(name, replicas));
  }

  HttpRequest.Builder createRequest(String name, int replicas) {
    return request(RCS).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(rc(name, replicas)));
  }

  HttpRequest.Builder scaleRequest(String name, int replicas) {
    return request(RCS + "/" + name + "/scale").header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":" + replicas + "}}"));
  }

  HttpRequest.Builder deleteRequest(String name) {
    return request(RCS + "/" + name).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"propagationPolicy\":\"Background\"}"));
  }

  /**
   * One history operation: 2xx ok; 4xx a definite fail (refused as such); 5xx indeterminate (an
   * API server that lost its store may have written). Transport errors are thrown, for the one
   * error table ({@code ErrorTable}: a refused connection is definite, a timeout is not). Names the API
   * server that answered, from its served-by header.
   */
  Completion call(HttpRequest.Builder request, Object value) throws IOException, InterruptedException {
    HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    int code = r.statusCode();
    String served = r.headers().firstValue(ApiHttpServer.SERVED_BY).map(serverName).orElse(null);
    if (code >= 200 && code < 300) {
      return Completion.ok(value).servedBy(served);
    }
    return new Completion(code >= 400 && code < 500 ? OpType.FAIL : OpType.INFO, null, "http " + code, served);
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

  /** "ok", "fail" or "info", by the same rules as {@link #call} (a transport error: info). */
  private String outcome(HttpRequest.Builder request) {
    try {
      return call(request, null).type().name().toLowerCase(java.util.Locale.ROOT);
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
