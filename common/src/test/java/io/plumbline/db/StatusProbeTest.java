package io.plumbline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.stub.StreamObserver;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.tls.TlsFiles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one status probe against a real gRPC server on loopback: leader or not, plain or mutual TLS, nobody there. */
class StatusProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  @TempDir Path dir;
  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void aMemberThatNamesALeaderIsHealthyAndItsStatusIsReturned() throws Exception {
    String url = "http://127.0.0.1:" + serve(7, null);
    assertThat(StatusProbe.grpc(TIMEOUT).healthy(url)).isTrue();
    assertThat(StatusProbe.withLeader(url, TIMEOUT, EtcdAccess.NONE)).get()
        .extracting(StatusResponse::getLeader).isEqualTo(7L);
  }

  @Test
  void aMemberWithoutALeaderIsNotHealthy() throws Exception {
    String url = "http://127.0.0.1:" + serve(0, null);
    assertThat(StatusProbe.grpc(TIMEOUT).healthy(url)).isFalse();
    assertThat(StatusProbe.withLeader(url, TIMEOUT, EtcdAccess.NONE)).isEmpty();
  }

  @Test
  void aPortWithNobodyOnItIsNotHealthyRatherThanAnError() throws Exception {
    int port = serve(7, null);
    server.shutdownNow().awaitTermination();
    assertThat(StatusProbe.grpc(TIMEOUT).healthy("http://127.0.0.1:" + port)).isFalse();
  }

  @Test
  void anHttpsMemberRequiringClientCertificatesIsProbedWithTheAccessFiles() throws Exception {
    TlsFiles tls = TlsFiles.create(dir.resolve("pki"), Instant.now(), Duration.ofDays(1), "probe", List.of());
    String url = "https://127.0.0.1:" + serve(7, tls);
    EtcdAccess access = new EtcdAccess(tls.caFile(), tls.clientCertFile(), tls.clientKeyFile(), null, null);
    assertThat(StatusProbe.grpc(TIMEOUT, access).healthy(url)).isTrue();
  }

  @Test
  void aRefusedHandshakeIsAUsageErrorNamingTheEndpointNotAWait() throws Exception {
    TlsFiles tls = TlsFiles.create(dir.resolve("pki"), Instant.now(), Duration.ofDays(1), "probe", List.of());
    TlsFiles other = TlsFiles.create(dir.resolve("other"), Instant.now(), Duration.ofDays(1), "probe", List.of());
    String url = "https://127.0.0.1:" + serve(7, tls);
    EtcdAccess wrongCa = new EtcdAccess(other.caFile(), tls.clientCertFile(), tls.clientKeyFile(), null, null);
    assertThatThrownBy(() -> StatusProbe.grpc(TIMEOUT, wrongCa).healthy(url))
        .isInstanceOf(UserError.class).hasMessageContaining("TLS to " + url + " failed").hasMessageContaining("--cacert");
  }

  /** A Maintenance server answering Status with {@code leader}; mutual TLS with {@code tls}'s files when given. */
  private int serve(long leader, TlsFiles tls) throws Exception {
    NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new MaintenanceGrpc.MaintenanceImplBase() {
          @Override
          public void status(StatusRequest request, StreamObserver<StatusResponse> reply) {
            reply.onNext(StatusResponse.newBuilder().setLeader(leader)
                .setHeader(ResponseHeader.newBuilder().setMemberId(7)).build());
            reply.onCompleted();
          }
        });
    if (tls != null) {
      b.sslContext(GrpcSslContexts.forServer(tls.serverCertFile().toFile(), tls.serverKeyFile().toFile())
          .trustManager(tls.caFile().toFile()).clientAuth(ClientAuth.REQUIRE).build());
    }
    server = b.build().start();
    return server.getPort();
  }
}
