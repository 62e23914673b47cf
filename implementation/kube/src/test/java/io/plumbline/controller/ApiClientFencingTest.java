package io.plumbline.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.http.Fencing;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fence only protects writes that carry the claim: every write a fenced client sends — create,
 * update, merge patch and delete (a deposed leader's scale-down or collection is a delete) — names
 * the lease generation, and reads name none. Checked on the wire, against a stand-in API server
 * (JDK {@code HttpServer}) that records each request's method and fencing header.
 */
class ApiClientFencingTest {

  @Test
  void everyWriteCarriesTheClaimAndNoReadDoes() throws Exception {
    List<String> seen = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      synchronized (seen) {
        seen.add(exchange.getRequestMethod() + " "
            + exchange.getRequestHeaders().getFirst(Fencing.HEADER));
      }
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      ApiClient client = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort(),
          Duration.ofSeconds(10), Fencing.HEADER, () -> "kube-system/cm=4");
      String pod = "/api/v1/namespaces/default/pods/p";
      client.get(pod);
      client.create("/api/v1/namespaces/default/pods", Json.object());
      client.update(pod, Json.object());
      client.mergePatch(pod, Json.object());
      client.delete(pod, Json.object());
    } finally {
      server.stop(0);
    }
    assertThat(seen).containsExactly("GET null", "POST kube-system/cm=4",
        "PUT kube-system/cm=4", "PATCH kube-system/cm=4", "DELETE kube-system/cm=4");
  }
}
