package io.plumbline.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for the API server under test; answers are (status, JSON body). */
final class Api {
  record Answer(int code, JsonNode body) {
    String text(String dottedPath) {
      return Json.text(body, dottedPath);
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer post(String path, JsonNode body) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  Answer put(String path, JsonNode body) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  Answer patch(String path, String contentType, JsonNode patch) {
    return send(request(path).header("Content-Type", contentType)
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Json.bytes(patch))));
  }

  Answer delete(String path, JsonNode options) {
    return send(request(path).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(Json.bytes(options))));
  }

  HttpClient client() {
    return http;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode body = r.body().length == 0 ? Json.object() : parseOrText(r.body());
      return new Answer(r.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parseOrText(byte[] body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException notJson) {
      return Json.MAPPER.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
    }
  }
}
