package io.plumbline.db;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.tls.GrpcClientTls;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The one store status probe: a single {@code Maintenance.Status} call (real etcd and the reference store both
 * answer it) on a fresh channel, never longer than its timeout. A member that answers and names a leader is up.
 *
 * <p>An https member is dialed with the TLS files of an {@link EtcdAccess} ({@code --cacert/--cert/--key}). Its user
 * is not needed: etcd (its {@code authMaintenanceServer}) and the reference store answer Status without a token.
 * A TLS handshake the member refuses is not "not ready yet": it throws a {@link UserError} naming the endpoint and
 * the flags at once, instead of a start timeout a minute later.
 */
public final class StatusProbe {
  private StatusProbe() {}

  /** Healthy when the plain-text member answers Status and names a leader. */
  public static HealthProbe grpc(Duration timeout) {
    return grpc(timeout, EtcdAccess.NONE);
  }

  /** As above; https members are dialed with {@code access}'s TLS files. */
  public static HealthProbe grpc(Duration timeout, EtcdAccess access) {
    return clientUrl -> withLeader(clientUrl, timeout, access).isPresent();
  }

  /** The member's status when it answered within {@code timeout} and knows a leader, else empty. */
  public static Optional<StatusResponse> withLeader(String clientUrl, Duration timeout, EtcdAccess access) {
    URI uri = URI.create(clientUrl);
    ManagedChannel ch = channel(uri, access);
    try {
      StatusResponse s = MaintenanceGrpc.newBlockingStub(ch)
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .status(StatusRequest.getDefaultInstance());
      return s.getLeader() != 0 ? Optional.of(s) : Optional.empty();
    } catch (RuntimeException e) {
      refusedHandshake(clientUrl, access, e);
      return Optional.empty();
    } finally {
      ch.shutdownNow();
    }
  }

  private static ManagedChannel channel(URI uri, EtcdAccess access) {
    NettyChannelBuilder b = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort());
    if (!"https".equals(uri.getScheme())) {
      return b.usePlaintext().build();
    }
    try {
      return b.useTransportSecurity().sslContext(GrpcClientTls.context(access)).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new UserError("TLS to " + uri + ": cannot use --cacert/--cert/--key (" + access + "): " + e.getMessage(), e);
    }
  }

  private static void refusedHandshake(String clientUrl, EtcdAccess access, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        throw new UserError("TLS to " + clientUrl + " failed: " + t.getMessage() + " (check --cacert, and --cert/--key "
            + "when the member requires client certificates: " + access + ")");
      }
    }
  }
}
