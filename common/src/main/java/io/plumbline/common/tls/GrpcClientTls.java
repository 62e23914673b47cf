package io.plumbline.common.tls;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.plumbline.common.cli.EtcdAccess;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * The client TLS context of a raw gRPC channel (grpc-java's shaded Netty) from PEM files: trust
 * the CA file (none: the JVM's CAs), present the certificate and key when given. The store status
 * probe, the harness's raw clients and a store member dialing its peers all build it here; each
 * words its own error, so failures are left to the caller.
 */
public final class GrpcClientTls {
  private GrpcClientTls() {}

  /** From an {@link EtcdAccess}'s {@code --cacert/--cert/--key}. */
  public static SslContext context(EtcdAccess access) throws SSLException {
    return context(access.caCert(), access.cert(), access.key());
  }

  /**
   * {@code ca} and {@code cert} may be null; {@code key} is set exactly when {@code cert} is.
   * Throws {@link SSLException} or {@link IllegalArgumentException} for unusable files.
   */
  public static SslContext context(Path ca, Path cert, Path key) throws SSLException {
    SslContextBuilder ssl = GrpcSslContexts.forClient();
    if (ca != null) {
      ssl.trustManager(ca.toFile());
    }
    if (cert != null) {
      ssl.keyManager(cert.toFile(), key.toFile());
    }
    return ssl.build();
  }
}
