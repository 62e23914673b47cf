package io.plumbline.store.security;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.plumbline.common.tls.GrpcClientTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;

/** Puts {@link TlsFlags} on gRPC's Netty server and channel builders (the only place TLS is wired). */
public final class GrpcTls {
  private GrpcTls() {}

  /** The server side of a port: its certificate; with client-cert-auth, certificates required and checked. */
  public static NettyServerBuilder serve(NettyServerBuilder builder, TlsFlags tls) throws IOException {
    if (!tls.enabled()) {
      return builder;
    }
    SslContextBuilder ssl = GrpcSslContexts.forServer(tls.certFile().toFile(), tls.keyFile().toFile());
    if (tls.trustedCaFile() != null) {
      ssl.trustManager(tls.trustedCaFile().toFile());
    }
    ssl.clientAuth(tls.clientCertAuth() ? ClientAuth.REQUIRE : ClientAuth.NONE);
    return builder.sslContext(ssl.build());
  }

  /** The dialing side (a member to its peers): trusts the CA file, presents this member's certificate. */
  public static NettyChannelBuilder dial(NettyChannelBuilder builder, TlsFlags tls) {
    if (!tls.enabled()) {
      return builder.usePlaintext();
    }
    try {
      return builder.useTransportSecurity().sslContext(
          GrpcClientTls.context(tls.trustedCaFile(), tls.certFile(), tls.keyFile()));
    } catch (SSLException e) {
      throw new UncheckedIOException("peer TLS: " + e.getMessage(), e);
    }
  }
}
