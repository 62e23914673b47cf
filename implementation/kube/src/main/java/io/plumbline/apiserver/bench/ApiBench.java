package io.plumbline.apiserver.bench;

import io.plumbline.store.bench.BenchRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load on an API server (through HAProxy when given its URL), in the same table as
 * the store benchmark: {@code clients} workers each send their next request when the previous
 * one answered, {@code ops} requests in all, in a namespace of their own. Each request has a 10 s
 * deadline; failures (no answer, or not 2xx) are counted, not timed.
 */
public final class ApiBench {
  /** Pods created before get/list rows, and the key space of get. */
  public static final int OBJECTS = 100;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final String base;
  private final String run;

  public ApiBench(String apiUrl, String runId) {
    this(apiUrl, runId, null);
  }

  /** With {@code tls} (trust and a client certificate) for an https API server; null: plain. */
  public ApiBench(String apiUrl, String runId, javax.net.ssl.SSLContext tls) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    this.http = (tls == null ? b : b.sslContext(tls)).build();
    this.base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    this.run = runId;
  }

  /** Creates the namespace and the {@link #OBJECTS} pods get and list read. */
  public void prepare() throws IOException, InterruptedException {
    send(post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns() + "\"}}"));
    for (int i = 0; i < OBJECTS; i++) {
      send(post(pods(), pod("obj-" + i)));
    }
  }

  public BenchRow run(ApiBenchOp op, int clients, int ops) throws InterruptedException {
    if (op == ApiBenchOp.WATCH) {
      return new WatchBench(this, clients, ops).run();
    }
    long[] latencies = new long[ops];
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    String prefix = "c" + clients + "-" + System.nanoTime() % 100_000 + "-";
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int w = 0; w < clients; w++) {
      Thread t = new Thread(() -> {
        for (long i = next.getAndIncrement(); i < ops; i = next.getAndIncrement()) {
          long t0 = System.nanoTime();
          if (ok(request(op, prefix, i))) {
            latencies[(int) i] = Math.max(1, System.nanoTime() - t0);
          } else {
            errors.incrementAndGet();
          }
        }
      }, "api-bench-" + w);
      t.start();
      workers.add(t);
    }
    for (Thread t : workers) {
      t.join();
    }
    return row(op.flag(), clients, latencies, errors.get(), System.nanoTime() - start);
  }

  private HttpRequest request(ApiBenchOp op, String prefix, long i) {
    return switch (op) {
      case CREATE -> post(pods(), pod(prefix + i));
      case GET -> get(pods() + "/obj-" + (i % OBJECTS));
      case LIST -> get(pods());
      case WATCH -> throw new IllegalArgumentException("watch is not a request");
    };
  }

  String ns() {
    return "bench-" + run;
  }

  String pods() {
    return "/api/v1/namespaces/" + ns() + "/pods";
  }

  static String pod(String name) {
    return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"bench\"}},\"spec\":"
        + "{\"nodeName\":\"bench\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";
  }

  HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build();
  }

  /** Opens a watch stream; the caller reads its lines. */
  InputStream watch(String path) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    return http.send(r, HttpResponse.BodyHandlers.ofInputStream()).body();
  }

  boolean ok(HttpRequest r) {
    try {
      int code = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
      return code >= 200 && code < 300;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  byte[] getBody(String path) throws IOException {
    try {
      return http.send(get(path), HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void send(HttpRequest r) throws IOException, InterruptedException {
    http.send(r, HttpResponse.BodyHandlers.discarding());
  }

  /** The store bench's row, from per-request latencies (0 = failed). */
  static BenchRow row(String op, int clients, long[] latencyNanos, long errors, long elapsed) {
    long[] sorted = Arrays.stream(latencyNanos).filter(l -> l > 0).sorted().toArray();
    return new BenchRow(op, clients, sorted.length, errors, sorted.length * 1e9 / elapsed,
        pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0
        : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** Reads a watch stream's lines, recording when each named pod's ADDED event arrived. */
  static void readEvents(InputStream in, Map<String, Long> arrivals, CountDownLatch opened) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      opened.countDown();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        int at = line.indexOf("\"name\":\"");
        if (line.startsWith("{\"type\":\"ADDED\"") && at >= 0) {
          String name = line.substring(at + 8, line.indexOf('"', at + 8));
          arrivals.putIfAbsent(name, System.nanoTime());
        }
      }
    } catch (IOException e) {
      // the stream ends when the bench closes it
    }
  }

  static Map<String, Long> newArrivals() {
    return new ConcurrentHashMap<>();
  }
}
