package io.plumbline.chaos.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.http.Fencing;
import io.plumbline.controller.ApiClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP link between one in-process controller manager and its API server: a reverse proxy that
 * records every write the controller manager sends with its answer ({@link ControllerWrite}, the
 * fencing oracle's evidence: what the client saw, not the server's own accounting) and that can hold
 * writes. Holding writes is the in-process freeze: the leader's renewals stall, so it is deposed, while
 * the object writes it sent before noticing arrive after the standby took over — the delayed writes of
 * a paused or partitioned leader that fencing must refuse. Reads pass while writes are held.
 */
final class ControllerLink implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CLAIM = Pattern.compile(".*=(\\d+)");
  /** Handler threads: held writes each keep one, so the bound is the most writes held at once. */
  private static final int THREADS = 16;

  private final String writer;
  private final String target;
  private final LongSupplier generation;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<ControllerWrite> writes = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean holding;
  private boolean armed;
  private String heldFrom = "";
  private int held;

  /**
   * @param generation the controller manager's current lease generation, for a write that names
   *     none (with fencing off a delete or a status patch carries neither the fencing header nor
   *     the writer's stamp); read when the write arrives, just after the client built it
   */
  ControllerLink(String writer, String target, LongSupplier generation) throws IOException {
    this.writer = writer;
    this.target = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
    this.generation = generation;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Holds every write from now until {@link #release()}. */
  void hold() {
    synchronized (gate) {
      armed = false;
      holding = true;
      gate.notifyAll();
    }
  }

  /**
   * Holds every write from the next object creation on (a {@code POST} of anything but a lease): the freeze
   * then catches the leader with a write in flight that no precondition guards, so only fencing can refuse it
   * when it lands after the takeover. Until that creation, writes (renewals included) pass.
   */
  void holdFromNextCreation() {
    synchronized (gate) {
      armed = true;
    }
  }

  /**
   * Until {@link #holdFromNextCreation()} caught its creation, at most {@code limitMs}; then holds everything
   * from now on if it had not. Returns the held creation ({@code POST pods}), or empty when none came in time.
   */
  String awaitCreationHeld(long limitMs) throws InterruptedException {
    long deadline = System.nanoTime() + limitMs * 1_000_000;
    synchronized (gate) {
      while (armed && !holding) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        gate.wait(Math.max(1, left / 1_000_000));
      }
      armed = false;
      holding = true;
      return heldFrom;
    }
  }

  /** Lets held writes go on, in the order they came. */
  void release() {
    synchronized (gate) {
      holding = false;
      armed = false;
      heldFrom = "";
      gate.notifyAll();
    }
  }

  /** Writes held when the link was released (or now). */
  int heldSoFar() {
    synchronized (gate) {
      return held;
    }
  }

  List<ControllerWrite> writes() {
    return List.copyOf(writes);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      byte[] body = ex.getRequestBody().readAllBytes();
      boolean write = !method.equals("GET");
      String path = ex.getRequestURI().toString();
      long gen = write ? generationOf(path, ex.getRequestHeaders().getFirst(Fencing.HEADER), body) : 0;
      if (write) {
        awaitRelease(method, path);
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
          .timeout(Duration.ofSeconds(30)).method(method, body.length == 0 && method.equals("GET")
              ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
      for (String h : List.of("Content-Type", Fencing.HEADER)) {
        String v = ex.getRequestHeaders().getFirst(h);
        if (v != null) {
          request.header(h, v);
        }
      }
      long sent = System.nanoTime();
      HttpResponse<byte[]> r;
      try {
        r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        record(write, method, path, gen, sent, -1, false);
        return; // closed without an answer: the controller sees what it would see from the server itself
      }
      record(write, method, path, gen, sent, r.statusCode(), fencedOff(r));
      r.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(boolean write, String method, String path, long gen, long sentNanos, int code,
      boolean fencedOff) {
    if (write) {
      writes.add(new ControllerWrite(writer, gen, method + " " + resource(path), path, sentNanos, System.nanoTime(),
          code, fencedOff));
    }
  }

  /** The answer is the fence's refusal: a 409 whose status message says so, as the controller reads it. */
  private static boolean fencedOff(HttpResponse<byte[]> r) {
    return ApiError.isFencedOff(r.statusCode(), parse(r.body()).path("message").asText(""));
  }

  private void awaitRelease(String method, String path) throws InterruptedException {
    synchronized (gate) {
      if (armed && method.equals("POST") && !path.contains("/leases")) {
        armed = false;
        holding = true;
        heldFrom = method + " " + resource(path);
        gate.notifyAll();
      }
      if (holding) {
        held++;
      }
      while (holding) {
        gate.wait();
      }
    }
  }

  /**
   * The generation a write was sent under: a lease write's {@code spec.leaseTransitions}; else the
   * fencing header's claim; else the writer's stamp in the body; else the controller manager's
   * generation now.
   */
  private long generationOf(String path, String fenceHeader, byte[] body) {
    JsonNode json = parse(body);
    if (path.contains("/leases") && json.at("/spec/leaseTransitions").isNumber()) {
      return json.at("/spec/leaseTransitions").asLong();
    }
    if (fenceHeader != null) {
      Matcher m = CLAIM.matcher(fenceHeader.strip());
      if (m.matches()) {
        return Long.parseLong(m.group(1));
      }
    }
    String stamp = json.at("/metadata/annotations").path(ApiClient.WRITTEN_BY).asText("");
    int at = stamp.lastIndexOf('@');
    if (at > 0) {
      try {
        return Long.parseLong(stamp.substring(at + 1));
      } catch (NumberFormatException e) {
        // not a stamp this controller wrote: fall through
      }
    }
    return generation.getAsLong();
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** {@code pods}, {@code replicationcontrollers/status}, {@code leases}: the path's resource, without names. */
  static String resource(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String[] s = p.split("/");
    int ns = java.util.Arrays.asList(s).indexOf("namespaces");
    if (ns < 0 || ns + 2 >= s.length) {
      return s.length == 0 ? p : s[s.length - 1];
    }
    String resource = s[ns + 2];
    return ns + 4 < s.length ? resource + "/" + s[ns + 4] : resource;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    pool.shutdownNow();
  }
}
