package io.plumbline.store.cli;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.plumbline.db.HealthProbe;
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
    URI uri = URI.create(clientUrl);
    ManagedChannel ch = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
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
