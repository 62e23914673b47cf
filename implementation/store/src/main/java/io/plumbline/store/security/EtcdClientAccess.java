package io.plumbline.store.security;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.tls.GrpcClientTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
      return tls(builder, access.caCert(), access.cert(), access.key());
    } catch (SSLException e) {
      throw new UserError("--cacert/--cert/--key: " + e.getMessage(), e);
    }
  }

  /**
   * {@code builder} speaking TLS: trusting {@code ca} (null: the JVM's CAs), presenting {@code cert}
   * with {@code key} when given. jetcd's builder takes its own (unshaded) Netty context, so this is
   * the jetcd twin of {@code common.tls.GrpcClientTls}; the API server's store client uses it too.
   */
  public static ClientBuilder tls(ClientBuilder builder, Path ca, Path cert, Path key)
      throws SSLException {
    return builder.sslContext(ssl -> {
      if (ca != null) {
        ssl.trustManager(ca.toFile());
      }
      if (cert != null) {
        ssl.keyManager(cert.toFile(), key.toFile());
      }
    });
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
