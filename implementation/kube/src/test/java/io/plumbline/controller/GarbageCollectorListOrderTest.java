package io.plumbline.controller;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.plumbline.apiserver.api.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Why the collector lists pods before RCs: an owner exists before any pod naming it, so an owner
 * missing from a later RC list was really deleted. Here a stand-in API server makes the race
 * deterministic: an RC and its first pod are created just after the collector's first list is
 * answered. Listing pods first, the new pod is not seen and nothing is deleted; listing RCs
 * first, the new pod would be seen without its RC and collected as an orphan.
 */
class GarbageCollectorListOrderTest {
  private static final String RC_UID = "4b0e7a4e-0000-4000-8000-0000000000b1";
  private HttpServer server;
  private final List<String> writes = new CopyOnWriteArrayList<>();
  private volatile boolean created;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String answer;
      if (!exchange.getRequestMethod().equals("GET")) {
        writes.add(exchange.getRequestMethod() + " " + path);
        answer = "{}";
      } else if (path.equals("/api/v1/pods")) {
        answer = list(created ? "[" + pod() + "]" : "[]");
      } else if (path.equals("/api/v1/replicationcontrollers")) {
        answer = list(created ? "[{'metadata':{'namespace':'default','name':'web','uid':'"
            + RC_UID + "'}}]" : "[]");
      } else {
        answer = "{}";
      }
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      if (exchange.getRequestMethod().equals("GET")) {
        created = true; // the RC and its first pod appear right after the first list
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static String list(String items) {
    return json("{'items':" + items + "}").toString();
  }

  private static String pod() {
    ObjectNode pod = json("{'metadata':{'namespace':'default','name':'web-x7k2p','uid':"
        + "'4b0e7a4e-0000-4000-8000-0000000000c1','resourceVersion':'9'}}");
    Json.child(pod, "metadata").putArray("ownerReferences").addObject().put("apiVersion", "v1")
        .put("kind", "ReplicationController").put("name", "web").put("uid", RC_UID)
        .put("controller", true);
    return pod.toString();
  }

  @Test
  void aPodCreatedWithItsRcBetweenTheTwoListsIsNotCollected() {
    ApiClient client = new ApiClient("http://127.0.0.1:" + server.getAddress().getPort(),
        Duration.ofSeconds(5), "X-Plumbline-Lease-Generation", () -> null);

    SyncReport report = new GarbageCollector(client).collect();

    assertThat(writes).isEmpty();
    assertThat(report.deleted()).isZero();
  }
}
