package io.plumbline.chaos.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.controller.ApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pod watch through HAProxy, as {@code kubectl get pods -w} keeps one: when the stream breaks
 * (an API server killed, HAProxy switching) it resumes from the last resourceVersion it saw; on
 * {@code 410} it lists again. Checks that resourceVersions never go back, across reconnects too, and
 * keeps every pod creation it saw with its resourceVersion and writer stamp ({@link FencingOracle}:
 * creations only, because a later change of a pod by someone else keeps its creator's stamp).
 */
final class RvWatcher implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final RcClient client;
  private final String base;
  private final AtomicLong lastRv = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<FencingOracle.StampedWrite> creations = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile java.util.function.Consumer<FencingOracle.StampedWrite> onCreation = w -> { };
  private volatile boolean closed;
  private volatile InputStream current;

  RvWatcher(String base, RcClient client) {
    this.base = base;
    this.client = client;
    this.thread = new Thread(this::loop, "cp-rv-watcher");
    this.thread.setDaemon(true);
  }

  /** Also hands every stamped creation to {@code sink} as it arrives (before {@link #start}). */
  RvWatcher recordingTo(java.util.function.Consumer<FencingOracle.StampedWrite> sink) {
    onCreation = sink;
    return this;
  }

  RvWatcher start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!closed) {
      if (lastRv.get() == 0) {
        client.get("/api/v1/namespaces/default/pods").ifPresent(list -> observe("LIST",
            list.path("metadata").path("resourceVersion").asLong()));
      }
      if (lastRv.get() > 0) {
        stream();
        reconnects.incrementAndGet();
      }
      pause();
    }
  }

  private void stream() {
    URI uri = URI.create(base + "/api/v1/namespaces/default/pods?watch=true&resourceVersion="
        + lastRv.get());
    try {
      InputStream in = http.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream()).body();
      current = in;
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null && !closed; line = r.readLine()) {
        if (!line.isBlank()) {
          onEvent(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      // the stream broke; resume from the last resourceVersion
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  private void onEvent(JsonNode event) {
    String type = event.path("type").asText();
    if (type.equals("ERROR")) {
      if (event.at("/object/code").asInt() == 410) {
        lastRv.set(0); // too old: list again, as client-go's reflector does
      }
      return;
    }
    events.incrementAndGet();
    long rv = event.at("/object/metadata/resourceVersion").asLong();
    observe(type, rv);
    if (type.equals("ADDED")) {
      JsonNode stamp = event.at("/object/metadata/annotations").path(ApiClient.WRITTEN_BY);
      FencingOracle.StampedWrite w = FencingOracle.StampedWrite.of("pod " + event.at("/object/metadata/name").asText(),
          rv, stamp.isTextual() ? stamp.asText() : null);
      if (w != null) {
        creations.add(w);
        onCreation.accept(w);
      }
    }
  }

  void observe(String type, long rv) {
    long before = lastRv.get();
    if (rv < before) {
      violations.add(type + " at resourceVersion " + rv + " after " + before);
    } else {
      lastRv.set(rv);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200); // reconnect back-off
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The resourceVersion the watch resumes from (0 before the first list). */
  long lastResourceVersion() {
    return lastRv.get();
  }

  long events() {
    return events.get();
  }

  long reconnects() {
    return reconnects.get();
  }

  /** Every stamped pod creation this watch saw, in arrival order. */
  List<FencingOracle.StampedWrite> creations() {
    return List.copyOf(creations);
  }

  List<String> violations() {
    return violations;
  }

  @Override
  public void close() {
    closed = true;
    try {
      InputStream in = current;
      if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      // closing only
    }
    thread.interrupt();
  }
}
