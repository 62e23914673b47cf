package io.plumbline.apiserver;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads a watch stream in the background and collects its events for assertions. */
final class WatchClient implements AutoCloseable {
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> reading;
  private volatile Stream<String> lines;
  private volatile int status;

  private WatchClient(Api api, String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + pathAndQuery)).build();
    this.reading = api.client().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(response -> {
          status = response.statusCode();
          lines = response.body();
          lines.filter(l -> !l.isBlank()).forEach(l ->
              events.add(Json.parse(l.getBytes(StandardCharsets.UTF_8))));
        });
  }

  static WatchClient open(Api api, String pathAndQuery) {
    WatchClient watch = new WatchClient(api, pathAndQuery);
    await().atMost(Duration.ofSeconds(10)).until(() -> watch.status != 0);
    return watch;
  }

  /** Waits until at least {@code n} events arrived and returns them all. */
  List<JsonNode> awaitEvents(int n) {
    await().atMost(Duration.ofSeconds(15)).until(() -> events.size() >= n);
    return List.copyOf(events);
  }

  /** True once the server ended the stream. */
  boolean ended() {
    return reading.isDone();
  }

  int status() {
    return status;
  }

  List<String> types() {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }

  @Override
  public void close() {
    if (lines != null) {
      lines.close();
    }
    reading.cancel(true);
  }
}
