package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The controller manager's HTTP client for the API server. Every call has a deadline. Writes
 * carry the fencing header from {@code fenceHeader} when it supplies one (null: unfenced). A client
 * made {@link #withWriterStamp stamping} also writes {@link #WRITTEN_BY} into the object it
 * creates or patches, so that anyone reading the object back knows which controller-manager
 * instance wrote it under which lease generation (chaos judges fencing from those read-backs).
 */
public final class ApiClient {
  /** One answer: status code and JSON body (a Status object for errors). */
  public record Response(int code, JsonNode body) {
    public boolean ok() {
      return code >= 200 && code < 300;
    }
  }

  /** An opened stream (a watch): status code and, when 200, the body, which the caller closes. */
  public record Stream(int code, java.io.InputStream body) {}

  /** The API server could not be reached or did not answer in time (indefinite). */
  public static final class Unreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * A write this client refused to send (its fencing header supplier has no claim to give): the
   * controllers treat it like an unanswered request, a pass that ends early and runs again.
   */
  public static Unreachable notSent(String why) {
    return new Unreachable(why, null);
  }

  /**
   * The annotation a stamping client writes: {@code <identity>@<lease generation>} of the writer.
   * Not on {@code /status} writes, whose metadata the API server ignores.
   */
  public static final String WRITTEN_BY = "plumbline.io/written-by";

  private final HttpClient http;
  private final String base;
  private final Duration timeout;
  private final String fenceHeaderName;
  private final Supplier<String> fenceHeader;
  private final Supplier<String> writerStamp;

  public ApiClient(String base, Duration timeout, String fenceHeaderName,
      Supplier<String> fenceHeader) {
    this(base, timeout, fenceHeaderName, fenceHeader, null);
  }

  /** Over HTTPS with {@code tls} (its client certificate authenticates); null: the JDK default. */
  public ApiClient(String base, Duration timeout, String fenceHeaderName,
      Supplier<String> fenceHeader, javax.net.ssl.SSLContext tls) {
    this(tls == null ? HttpClient.newBuilder().connectTimeout(timeout).build()
        : HttpClient.newBuilder().connectTimeout(timeout).sslContext(tls).build(),
        base, timeout, fenceHeaderName, fenceHeader, null);
  }

  private ApiClient(HttpClient http, String base, Duration timeout, String fenceHeaderName,
      Supplier<String> fenceHeader, Supplier<String> writerStamp) {
    this.http = http;
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.timeout = timeout;
    this.fenceHeaderName = fenceHeaderName;
    this.fenceHeader = fenceHeader;
    this.writerStamp = writerStamp;
  }

  /** The same client, writing {@link #WRITTEN_BY} = {@code stamp.get()} into what it creates or patches. */
  public ApiClient withWriterStamp(Supplier<String> stamp) {
    return new ApiClient(http, base, timeout, fenceHeaderName, fenceHeader, stamp);
  }

  /** The same client (connections, fencing) with another per-request deadline. */
  public ApiClient withTimeout(Duration requestTimeout) {
    return new ApiClient(http, base, requestTimeout, fenceHeaderName, fenceHeader, writerStamp);
  }

  public Response get(String path) {
    return send(request(path).GET(), false);
  }

  public Response create(String path, ObjectNode body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(stamped(path, body)))), true);
  }

  public Response update(String path, ObjectNode body) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(stamped(path, body)))), true);
  }

  public Response mergePatch(String path, ObjectNode patch) {
    return send(request(path).header("Content-Type", "application/merge-patch+json")
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Json.bytes(stamped(path, patch)))), true);
  }

  public Response delete(String path, ObjectNode options) {
    return send(request(path).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(Json.bytes(options))), true);
  }

  /**
   * Opens {@code path} (a {@code watch=true} URL) as a stream of lines. The deadline bounds the
   * wait for the answer's headers only; the body runs until the server ends it or the caller
   * closes it. A non-200 answer comes back with its body already closed.
   */
  public Stream stream(String path) {
    HttpRequest built = request(path).GET().build();
    try {
      HttpResponse<java.io.InputStream> r = http.send(built,
          HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        r.body().close();
        return new Stream(r.statusCode(), null);
      }
      return new Stream(200, r.body());
    } catch (IOException e) {
      throw new Unreachable("GET " + built.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("GET " + built.uri() + ": interrupted", e);
    }
  }

  /** {@code body} with the writer's stamp in its metadata, when this client stamps and the path keeps metadata. */
  private ObjectNode stamped(String path, ObjectNode body) {
    String stamp = writerStamp == null || path.endsWith("/status") ? null : writerStamp.get();
    if (stamp == null) {
      return body;
    }
    ObjectNode copy = body.deepCopy();
    Json.child(Json.child(copy, "metadata"), "annotations").put(WRITTEN_BY, stamp);
    return copy;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
  }

  private Response send(HttpRequest.Builder request, boolean write) {
    String fence = write ? fenceHeader.get() : null;
    if (fence != null) {
      request.header(fenceHeaderName, fence);
    }
    HttpRequest built = request.build();
    try {
      HttpResponse<byte[]> r = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = r.body().length == 0 ? Json.object() : Json.MAPPER.readTree(r.body());
      return new Response(r.statusCode(), body);
    } catch (IOException e) {
      throw new Unreachable(built.method() + " " + built.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable(built.method() + " " + built.uri() + ": interrupted", e);
    }
  }
}
