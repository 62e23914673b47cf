package io.plumbline.store.server;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.plumbline.store.node.StoreNode;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * A member's metrics under etcd 3.4's names, kept by the Prometheus client library (a registry per member: tests
 * run several members in one JVM) and written in Prometheus text format for {@code /metrics}. Leader state, Raft
 * positions and the database size are read when scraped; gRPC calls are counted by this interceptor under
 * go-grpc-prometheus's names and labels, as etcd's are. etcd declares its {@code proposals_*_total} as gauges; the
 * library refuses a gauge whose name ends in {@code _total}, so here they are counters (same name and value).
 */
final class ClientMetrics implements ServerInterceptor {
  private static final PrometheusTextFormatWriter TEXT = new PrometheusTextFormatWriter(false);
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter started;
  private final Counter handled;

  ClientMetrics(StoreNode node) {
    gauge("etcd_server_has_leader", "Whether or not a leader exists. 1 is existence, 0 is not.",
        () -> node.leader() != null ? 1 : 0);
    gauge("etcd_server_is_leader", "Whether or not this member is a leader. 1 if is, 0 otherwise.",
        () -> node.isLeader() ? 1 : 0);
    gauge("etcd_mvcc_db_total_size_in_bytes",
        "Total size of the underlying database physically allocated in bytes (here: Status's estimate).",
        () -> node.read(MaintenanceService::dbSizeBytes));
    io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("etcd_server_proposals_committed_total")
        .help("The total number of consensus proposals committed.")
        .callback(cb -> cb.call(node.commitIndex())).register(registry);
    io.prometheus.metrics.core.metrics.CounterWithCallback.builder().name("etcd_server_proposals_applied_total")
        .help("The total number of consensus proposals applied.")
        .callback(cb -> cb.call(node.appliedIndex())).register(registry);
    started = Counter.builder().name("grpc_server_started_total").help("Total number of RPCs started on the server.")
        .labelNames("grpc_type", "grpc_service", "grpc_method").register(registry);
    handled = Counter.builder().name("grpc_server_handled_total")
        .help("Total number of RPCs completed on the server, regardless of success or failure.")
        .labelNames("grpc_type", "grpc_service", "grpc_method", "grpc_code").register(registry);
  }

  private void gauge(String name, String help, java.util.function.DoubleSupplier value) {
    GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble())).register(registry);
  }

  /** The metrics in Prometheus text format (version 0.0.4). */
  void write(OutputStream out) throws IOException {
    TEXT.write(out, registry.scrape());
  }

  static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    MethodDescriptor<Q, R> m = call.getMethodDescriptor();
    String type = type(m.getType());
    String service = m.getServiceName();
    String method = m.getBareMethodName();
    started.labelValues(type, service, method).inc();
    return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        handled.labelValues(type, service, method, code(status.getCode())).inc();
        super.close(status, trailers);
      }
    }, headers);
  }

  /** go-grpc-prometheus's grpc_type values. */
  private static String type(MethodDescriptor.MethodType t) {
    return switch (t) {
      case UNARY -> "unary";
      case CLIENT_STREAMING -> "client_stream";
      case SERVER_STREAMING -> "server_stream";
      default -> "bidi_stream";
    };
  }

  /** grpc-go's code names: OK, InvalidArgument, DeadlineExceeded, … */
  static String code(Status.Code c) {
    if (c == Status.Code.OK) {
      return "OK";
    }
    StringBuilder b = new StringBuilder();
    for (String part : c.name().split("_")) {
      b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }
}
