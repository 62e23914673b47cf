package io.plumbline.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated HAProxy configuration as the real {@code haproxy} (the one {@code up} starts,
 * {@code /usr/sbin/haproxy}) takes it: {@code haproxy -dW -c} (zero warnings) accepts both modes
 * and refuses a broken one (so the check can fail), and a running haproxy stops sending requests to an API server whose
 * {@code /healthz} fails while it still answers other requests. Fails, does not skip, without
 * haproxy (scripts/test installs it).
 */
class HaproxyProcessTest {
  private static final String HAPROXY = "/usr/sbin/haproxy";

  private static ProcessResult run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new ProcessResult(p.exitValue(), out);
  }

  private record ProcessResult(int exitCode, String out) {}

  @Test
  void haproxyAcceptsTheConfigOfBothModesWithoutAWarningAndRefusesABrokenOne(@TempDir Path dir)
      throws Exception {
    for (boolean tls : new boolean[] {false, true}) {
      Path cfg = Files.writeString(dir.resolve("haproxy-" + tls + ".cfg"), HaproxyConfig.render(
          8000, 8001, List.of("127.0.0.1:7001", "127.0.0.1:7002"), tls));
      // -dW: zero-warning mode; haproxy 2.6 only warns about what later versions refuse
      // (a timer of "1hour": "This will be reported as an error in next versions")
      ProcessResult checked = run(HAPROXY, "-dW", "-c", "-f", cfg.toString());
      assertThat(checked.exitCode()).as("tls=%s: %s", tls, checked.out()).isZero();
    }
    Path broken = Files.writeString(dir.resolve("broken.cfg"), HaproxyConfig.render(8000, 8001,
        List.of("127.0.0.1:7001")).replace("balance roundrobin", "balance sideways"));
    assertThat(run(HAPROXY, "-dW", "-c", "-f", broken.toString()).exitCode()).isNotZero();
  }

  @Test
  void anApiServerWhoseHealthzFailsLeavesTheRotation(@TempDir Path dir) throws Exception {
    AtomicInteger secondHealth = new AtomicInteger(200);
    List<HttpServer> servers = new ArrayList<>();
    Process haproxy = null;
    try {
      servers.add(server("one", new AtomicInteger(200)));
      servers.add(server("two", secondHealth));
      int front = freePort();
      Path cfg = Files.writeString(dir.resolve("haproxy.cfg"), HaproxyConfig.render(front,
          freePort(), servers.stream().map(s -> "127.0.0.1:" + s.getAddress().getPort())
              .toList()));
      haproxy = new ProcessBuilder(HAPROXY, "-db", "-f", cfg.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + front + "/");
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> answers(client, uri, 4).containsAll(List.of("one", "two")));

      secondHealth.set(503); // still serves "/", but reports itself unhealthy
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> answers(client, uri, 6).stream().allMatch("one"::equals));
    } finally {
      if (haproxy != null) {
        haproxy.destroy();
        haproxy.waitFor(10, TimeUnit.SECONDS);
      }
      servers.forEach(s -> s.stop(0));
    }
  }

  private static List<String> answers(HttpClient client, URI uri, int n) throws Exception {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      seen.add(client.send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    }
    return seen;
  }

  /** A stand-in API server: {@code /healthz} answers {@code health}, everything else its name. */
  private static HttpServer server(String name, AtomicInteger health) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/", exchange -> {
      boolean healthz = exchange.getRequestURI().getPath().equals("/healthz");
      byte[] body = (healthz ? "ok" : name).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(healthz ? health.get() : 200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    s.start();
    return s;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
