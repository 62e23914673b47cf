package io.plumbline.conformance;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * A plain grpc-java channel to one endpoint, for requests jetcd 0.8.6 cannot express (its protocol
 * classes predate etcd 3.3's {@code Compare.LEASE}). Same TLS files as the jetcd clients.
 */
public final class RawChannel implements AutoCloseable {
  private final ManagedChannel channel;

  public RawChannel(String endpoint, SuiteOptions.Tls tls) {
    URI uri = URI.create(endpoint);
    this.channel = Grpc.newChannelBuilderForAddress(uri.getHost(), uri.getPort(), credentials(uri, tls)).build();
  }

  public ManagedChannel channel() {
    return channel;
  }

  private static ChannelCredentials credentials(URI uri, SuiteOptions.Tls tls) {
    if (!"https".equals(uri.getScheme())) {
      return InsecureChannelCredentials.create();
    }
    try {
      TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
      if (tls != null && tls.caCert() != null) {
        b.trustManager(tls.caCert().toFile());
      }
      if (tls != null && tls.cert() != null) {
        b.keyManager(tls.cert().toFile(), tls.key().toFile());
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read TLS files", e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
