package io.plumbline.store.cli;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.plumbline.db.HealthProbe;
import io.plumbline.store.security.GrpcTls;
import io.plumbline.store.security.TlsFlags;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The store health probe of {@code cluster start}, {@code up} and the tests: one {@code
 * Maintenance.Status} call (real etcd and the reference store both answer it), never longer than
 * its timeout, never throwing.
 */
public final class MemberStatus {
  private MemberStatus() {}

  /** The member's status when it answered and knows a leader, else empty. */
  public static Optional<StatusResponse> withLeader(String clientUrl, Duration timeout) {
    return withLeader(clientUrl, timeout, TlsFlags.NONE);
  }

  /** As above; an https member is dialed with {@code tls} (its CA, and a client certificate). */
  public static Optional<StatusResponse> withLeader(String clientUrl, Duration timeout, TlsFlags tls) {
    URI uri = URI.create(clientUrl);
    ManagedChannel ch = GrpcTls.dial(NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()),
        tls.forScheme(uri.getScheme())).build();
    try {
      StatusResponse s = MaintenanceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .status(StatusRequest.getDefaultInstance());
      return s.getLeader() != 0 ? Optional.of(s) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    } finally {
      ch.shutdownNow();
    }
  }

  /** {@link #withLeader} as a {@link HealthProbe}: healthy when the member knows a leader. */
  public static HealthProbe probe(Duration timeout) {
    return clientUrl -> withLeader(clientUrl, timeout).isPresent();
  }
}
