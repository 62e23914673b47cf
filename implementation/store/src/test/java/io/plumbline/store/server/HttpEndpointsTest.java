package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client port answers HTTP/1.1 as etcd's does (/health, /version, /metrics, 404 otherwise) and gRPC on the
 * same port, on connections opened in any order.
 */
class HttpEndpointsTest {
  @TempDir Path dir;

  @Test
  void httpAndGrpcShareTheClientPort() throws Exception {
    try (LocalCluster cluster = new LocalCluster(1, dir, c -> c);
        Client grpc = Client.builder().endpoints(cluster.endpoints()[0]).build()) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = cluster.endpoints()[0];
      await().atMost(Duration.ofSeconds(20)).until(() -> get(http, base + "/health").statusCode() == 200);
      assertThat(get(http, base + "/health").body()).isEqualTo("{\"health\":\"true\"}");

      grpc.getKVClient().put(ByteSequence.from("k", StandardCharsets.UTF_8), ByteSequence.from("v",
          StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);

      HttpResponse<String> version = get(http, base + "/version");
      assertThat(version.headers().firstValue("content-type")).hasValue("application/json");
      assertThat(version.body()).isEqualTo("{\"etcdserver\":\"3.4.23\",\"etcdcluster\":\"3.4.0\"}");

      HttpResponse<String> metrics = get(http, base + "/metrics");
      assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body()).contains("etcd_server_has_leader 1.0", "etcd_server_is_leader 1.0",
          "# TYPE etcd_mvcc_db_total_size_in_bytes gauge", "etcd_server_proposals_committed_total ",
          "grpc_server_started_total{grpc_method=\"Put\",grpc_service=\"etcdserverpb.KV\",grpc_type=\"unary\"} 1.0",
          "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Put\",grpc_service=\"etcdserverpb.KV\",grpc_type=\"unary\"} 1.0");

      HttpResponse<String> missing = get(http, base + "/v2/keys");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).isEqualTo("404 page not found\n");

      // gRPC still served after HTTP/1.1 connections came and went
      assertThat(grpc.getKVClient().get(ByteSequence.from("k", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS)
          .getKvs()).hasSize(1);
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
