package io.plumbline.chaos.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Convergence means exactly spec.replicas pods per RC: too many pods (two controller managers both
 * creating, a deposed leader's late create) is as unconverged as too few. Served by a local HTTP
 * double of the API server's two list endpoints.
 */
class ConvergenceTest {
  private static String pods(int n) {
    StringBuilder sb = new StringBuilder("{\"items\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"metadata\":{\"name\":\"p").append(i)
          .append("\",\"ownerReferences\":[{\"controller\":true,\"uid\":\"u1\"}]}}");
    }
    return sb.append("]}").toString();
  }

  private static java.util.List<String> unconverged(int ownedPods) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String rcs = "{\"items\":[{\"metadata\":{\"name\":\"rc-1\",\"uid\":\"u1\"},\"spec\":{\"replicas\":2},"
        + "\"status\":{\"replicas\":2}}]}";
    server.createContext("/", ex -> {
      String body = ex.getRequestURI().getPath().endsWith("/pods") ? pods(ownedPods) : rcs;
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.start();
    try {
      return CpChecks.unconverged(new RcClient("http://127.0.0.1:" + server.getAddress().getPort()));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void exactlySpecReplicasIsConverged() throws IOException {
    assertThat(unconverged(2)).isEmpty();
  }

  @Test
  void tooFewOrTooManyPodsAreNot() throws IOException {
    assertThat(unconverged(1)).singleElement().asString().contains("owned pods 1");
    assertThat(unconverged(3)).singleElement().asString().contains("rc-1: spec.replicas 2, owned pods 3");
  }
}
