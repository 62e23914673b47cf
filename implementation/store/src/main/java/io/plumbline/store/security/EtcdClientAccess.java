package io.plumbline.store.security;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.tls.GrpcClientTls;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

/**
 * Puts an {@link EtcdAccess} (the harness's {@code --cacert/--cert/--key/--user}) on the clients of
 * {@code bench} and {@code chaos}: jetcd client builders and raw gRPC channels. Credentials go through
 * jetcd's own {@code user()/password()} (it authenticates and renews the token itself).
 */
public final class EtcdClientAccess {
  private EtcdClientAccess() {}

  /** {@code builder} speaking TLS with the given files and authenticating as the given user, when given. */
  public static ClientBuilder apply(ClientBuilder builder, EtcdAccess access) {
    if (access.login()) {
      builder.user(ByteSequence.from(access.user(), StandardCharsets.UTF_8))
          .password(ByteSequence.from(access.password(), StandardCharsets.UTF_8));
    }
    if (!access.tls()) {
      return builder;
    }
    try {
      return builder.sslContext(ssl -> { // jetcd's (unshaded) Netty builder
        if (access.caCert() != null) {
          ssl.trustManager(access.caCert().toFile());
        }
        if (access.cert() != null) {
          ssl.keyManager(access.cert().toFile(), access.key().toFile());
        }
      });
    } catch (SSLException e) {
      throw new UserError("--cacert/--cert/--key: " + e.getMessage(), e);
    }
  }

  /** A raw channel builder: plain text, or TLS with the given files. */
  public static NettyChannelBuilder dial(NettyChannelBuilder builder, EtcdAccess access) {
    if (!access.tls()) {
      return builder.usePlaintext();
    }
    try {
      return builder.useTransportSecurity().sslContext(GrpcClientTls.context(access));
    } catch (SSLException e) {
      throw new UserError("--cacert/--cert/--key: " + e.getMessage(), e);
    }
  }
}
