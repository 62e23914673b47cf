package io.plumbline.chaos.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.http.Fencing;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link between a controller manager and its API server records every write with the generation it
 * was sent under and the answer, passes reads untouched, and holds writes (only writes) until released.
 * The API server here answers 201 to a POST, 409 to a DELETE (the fence's refusal for a path ending in
 * {@code /fenced}, a plain conflict otherwise) and 200 to anything else.
 */
class ControllerLinkTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private final HttpClient http = HttpClient.newHttpClient();
  private HttpServer api;
  private ControllerLink link;

  @BeforeEach
  void start() throws Exception {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    api.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      int code = switch (ex.getRequestMethod()) {
        case "POST" -> 201;
        case "DELETE" -> 409;
        default -> 200;
      };
      byte[] body = (ex.getRequestURI().getPath().endsWith("/fenced")
          ? "{\"message\":\"" + ApiError.FENCED_OFF + ": it carries generation 1\"}" : "{}").getBytes();
      ex.sendResponseHeaders(code, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    api.start();
    link = new ControllerLink("cm-1", "http://127.0.0.1:" + api.getAddress().getPort(), () -> 4);
  }

  @AfterEach
  void stop() {
    link.close();
    api.stop(0);
  }

  private HttpRequest.Builder to(String path) {
    return HttpRequest.newBuilder(URI.create(link.url() + path)).timeout(Duration.ofSeconds(30));
  }

  private int send(HttpRequest.Builder r) throws Exception {
    return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void writesAreRecordedWithTheirGenerationAndAnswerReadsAreNot() throws Exception {
    assertThat(send(to(PODS).GET())).isEqualTo(200);
    assertThat(send(to(PODS).header(Fencing.HEADER, "kube-system/cm=3")
        .POST(HttpRequest.BodyPublishers.ofString("{}")))).isEqualTo(201);
    assertThat(send(to(PODS + "/p").method("DELETE", HttpRequest.BodyPublishers.ofString("{}")))).isEqualTo(409);
    assertThat(send(to("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cm")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"spec\":{\"leaseTransitions\":7}}")))).isEqualTo(200);
    assertThat(send(to(PODS + "/p").method("PATCH", HttpRequest.BodyPublishers.ofString(
        "{\"metadata\":{\"annotations\":{\"plumbline.io/written-by\":\"cm-1@5\"}}}")))).isEqualTo(200);
    assertThat(link.writes()).extracting(w -> w.kind() + " gen " + w.generation() + " -> " + w.code())
        .containsExactly("POST pods gen 3 -> 201", // the fencing header's claim
            "DELETE pods gen 4 -> 409", // nothing in the request: the manager's generation
            "PUT leases gen 7 -> 200", // a lease write: the generation it writes
            "PATCH pods gen 5 -> 200"); // the writer's stamp
  }

  @Test
  void heldWritesWaitForTheReleaseWhileReadsPass() throws Exception {
    link.hold();
    CompletableFuture<HttpResponse<Void>> write = http.sendAsync(to(PODS).POST(
        HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
    await().atMost(Duration.ofSeconds(20)).until(() -> link.heldSoFar() == 1);
    assertThat(send(to(PODS).GET())).isEqualTo(200);
    assertThat(write).isNotDone();
    assertThat(link.writes()).isEmpty();
    long released = System.nanoTime();
    link.release();
    assertThat(write.get().statusCode()).isEqualTo(201);
    assertThat(link.writes()).singleElement().satisfies(w -> assertThat(w.sentNanos()).isGreaterThan(released));
  }

  @Test
  void theFencesRefusalIsToldFromAConflict() throws Exception {
    send(to(PODS + "/p").method("DELETE", HttpRequest.BodyPublishers.ofString("{}")));
    send(to(PODS + "/fenced").method("DELETE", HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(link.writes()).extracting(ControllerWrite::code, ControllerWrite::fencedOff)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(409, false), org.assertj.core.groups.Tuple.tuple(409, true));
  }

  @Test
  void anArmedHoldLetsWritesPassUntilACreationAndHoldsFromIt() throws Exception {
    link.holdFromNextCreation();
    assertThat(send(to("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cm")
        .PUT(HttpRequest.BodyPublishers.ofString("{}")))).isEqualTo(200); // a renewal passes
    assertThat(send(to("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases")
        .POST(HttpRequest.BodyPublishers.ofString("{}")))).isEqualTo(201); // so does creating the lease
    assertThat(send(to(PODS + "/p").method("PATCH", HttpRequest.BodyPublishers.ofString("{}")))).isEqualTo(200);
    CompletableFuture<HttpResponse<Void>> create = http.sendAsync(to(PODS).POST(
        HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(link.awaitCreationHeld(20_000)).isEqualTo("POST pods");
    CompletableFuture<HttpResponse<Void>> renewal = http.sendAsync(to(
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cm").PUT(HttpRequest.BodyPublishers.ofString("{}"))
        .build(), HttpResponse.BodyHandlers.discarding());
    await().atMost(Duration.ofSeconds(20)).until(() -> link.heldSoFar() == 2);
    assertThat(create).isNotDone();
    assertThat(renewal).isNotDone();
    link.release();
    assertThat(create.get().statusCode()).isEqualTo(201);
    assertThat(renewal.get().statusCode()).isEqualTo(200);
  }

  @Test
  void anArmedHoldWithoutACreationHoldsEverythingAtItsLimit() throws Exception {
    link.holdFromNextCreation();
    assertThat(link.awaitCreationHeld(50)).isEmpty();
    CompletableFuture<HttpResponse<Void>> patch = http.sendAsync(to(PODS + "/p").method("PATCH",
        HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
    await().atMost(Duration.ofSeconds(20)).until(() -> link.heldSoFar() == 1);
    assertThat(patch).isNotDone();
    link.release();
    assertThat(patch.get().statusCode()).isEqualTo(200);
  }
}
