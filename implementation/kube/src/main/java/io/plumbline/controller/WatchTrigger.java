package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * Keeps a watch open on one API path and calls {@code onChange} for every event it streams and
 * every time it (re)connects: what changed while it was away is unknown, so a reconnect counts as
 * a change. A watch that fails or ends is reopened after {@code retryMs}. It only triggers: the
 * caller lists what it needs, and its resync period covers anything a watch misses.
 */
final class WatchTrigger implements AutoCloseable {
  private final ApiClient client;
  private final String path;
  private final long retryMs;
  private final Runnable onChange;
  private final Logger log;
  private final String identity;
  private final Thread worker;
  private final Object pause = new Object();
  private volatile boolean stopped;
  private volatile InputStream open;
  private String lastProblem;

  /** {@code path} must ask for a watch ({@code ?watch=true}). */
  WatchTrigger(ApiClient client, String path, long retryMs, Runnable onChange, Logger log,
      String identity) {
    this.client = client;
    this.path = path;
    this.retryMs = retryMs;
    this.onChange = onChange;
    this.log = log;
    this.identity = identity;
    this.worker = new Thread(this::run, "watch-" + identity);
    this.worker.setDaemon(true);
  }

  WatchTrigger start() {
    worker.start();
    return this;
  }

  private void run() {
    while (!stopped) {
      try {
        ApiClient.Stream stream = client.stream(path);
        if (stream.code() == 200) {
          follow(stream.body());
        } else {
          problem("watch refused: " + stream.code());
        }
      } catch (ApiClient.Unreachable | IOException e) {
        problem("watch broke: " + e.getMessage());
      }
      synchronized (pause) {
        try {
          if (!stopped) {
            pause.wait(retryMs);
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Reads events until the stream ends; an ERROR event (e.g. 410 Gone) ends it too. */
  private void follow(InputStream body) throws IOException {
    open = body;
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(body, StandardCharsets.UTF_8))) {
      if (stopped) {
        return; // closed while this stream was opening
      }
      lastProblem = null;
      onChange.run();
      for (String line = lines.readLine(); line != null && !stopped; line = lines.readLine()) {
        if (line.isBlank()) {
          continue; // the server's heartbeat
        }
        JsonNode event = Json.MAPPER.readTree(line);
        if ("ERROR".equals(event.path("type").asText())) {
          problem("watch ended: " + event.path("object").path("message").asText());
          return;
        }
        onChange.run();
      }
    } finally {
      open = null;
    }
  }

  /** Logs a failure once until the watch works again (a refused watch retries quietly). */
  private void problem(String what) {
    if (!stopped && !what.equals(lastProblem)) {
      log.warn("{}: {}; retrying every {} ms", identity, what, retryMs);
    }
    lastProblem = what;
  }

  @Override
  public void close() {
    stopped = true;
    synchronized (pause) {
      pause.notifyAll();
    }
    InputStream body = open;
    if (body != null) {
      try {
        body.close(); // unblocks the reader
      } catch (IOException e) {
        // closing anyway
      }
    }
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
