package io.plumbline.conformance.hostile;

import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd's HTTP endpoints on the client URL, next to gRPC: {@code /health} is 200 {@code {"health":"true"}},
 * {@code /version} names the server and cluster versions, {@code /metrics} is Prometheus text with etcd's leader,
 * database size, proposal and gRPC request metrics. Plain-HTTP endpoints only (an https endpoint is unknown: the
 * suite's TLS files are for gRPC clients).
 */
final class HttpEndpoints implements Check {
  /** Metric names etcd 3.4 exposes and tools (dashboards, alerts) rely on. */
  static final List<String> METRICS = List.of("etcd_server_has_leader", "etcd_server_is_leader",
      "etcd_mvcc_db_total_size_in_bytes", "etcd_server_proposals_committed_total", "grpc_server_started_total",
      "grpc_server_handled_total");

  @Override
  public String name() {
    return "http-endpoints";
  }

  @Override
  public String description() {
    return "/health, /version and /metrics answer on the client URL as etcd 3.4's do";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    String base = s.options().endpoints().get(0);
    if (!base.startsWith("http://")) {
      return Verdict.unknown("only plain-HTTP endpoints are checked; " + base + " is not one", ev);
    }
    s.await("put", s.kv().put(s.key("hostile/http"), io.plumbline.conformance.Session.bytes("1")));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(s.options().callTimeout()).build();
    List<String> problems = new ArrayList<>();
    HttpResponse<String> health = get(http, base + "/health", s.options().callTimeout());
    ev.add("GET /health -> " + health.statusCode() + " " + health.body().strip());
    if (health.statusCode() != 200 || !health.body().contains("\"health\":\"true\"")) {
      problems.add("/health -> " + health.statusCode() + " " + health.body().strip() + "; etcd: 200 {\"health\":\"true\"}");
    }
    HttpResponse<String> version = get(http, base + "/version", s.options().callTimeout());
    ev.add("GET /version -> " + version.statusCode() + " " + version.body().strip());
    if (version.statusCode() != 200 || !version.body().matches("\\{\"etcdserver\":\"3\\.[0-9.]+\",\"etcdcluster\":\"3\\.[0-9.]+\"}")) {
      problems.add("/version -> " + version.statusCode() + " " + version.body().strip()
          + "; etcd: 200 {\"etcdserver\":\"3.4.x\",\"etcdcluster\":\"3.4.0\"}");
    }
    HttpResponse<String> metrics = get(http, base + "/metrics", s.options().callTimeout());
    String body = "\n" + metrics.body();
    List<String> missing = METRICS.stream()
        .filter(m -> !body.contains("\n" + m + " ") && !body.contains("\n" + m + "{")).toList();
    ev.add("GET /metrics -> " + metrics.statusCode() + ", " + metrics.body().lines().count() + " lines, "
        + (METRICS.size() - missing.size()) + " of " + METRICS.size() + " etcd metrics"
        + (missing.isEmpty() ? "" : "; missing " + missing));
    if (metrics.statusCode() != 200 || !missing.isEmpty()) {
      problems.add("/metrics -> " + metrics.statusCode() + ", missing " + missing);
    }
    if (!body.contains("\netcd_server_has_leader 1")) {
      problems.add("/metrics does not say etcd_server_has_leader 1");
    }
    return Verdict.of("/health, /version and /metrics answered as etcd 3.4's", problems, ev);
  }

  private static HttpResponse<String> get(HttpClient http, String url, Duration timeout) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
