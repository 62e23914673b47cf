package io.plumbline.store.cli;

import io.plumbline.common.UserError;
import io.plumbline.store.security.TlsFlags;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** etcd's TLS flags for the client port and the peer port, as a picocli mixin. */
final class TlsOptions {
  @Option(names = "--cert-file", paramLabel = "FILE", description = "Client port: this member's certificate (PEM).")
  Path certFile;

  @Option(names = "--key-file", paramLabel = "FILE", description = "Client port: its private key (PEM).")
  Path keyFile;

  @Option(names = "--trusted-ca-file", paramLabel = "FILE", description = "Client port: CAs that sign client certificates.")
  Path trustedCaFile;

  @Option(names = "--client-cert-auth", description = "Client port: require a client certificate signed by --trusted-ca-file; "
      + "its CN is the user when a request carries no token.")
  boolean clientCertAuth;

  @Option(names = "--peer-cert-file", paramLabel = "FILE", description = "Peer port and links to peers: this member's certificate.")
  Path peerCertFile;

  @Option(names = "--peer-key-file", paramLabel = "FILE", description = "Peer port: its private key (PEM).")
  Path peerKeyFile;

  @Option(names = "--peer-trusted-ca-file", paramLabel = "FILE", description = "Peer port: CAs that sign peer certificates.")
  Path peerTrustedCaFile;

  @Option(names = "--peer-client-cert-auth", description = "Peer port: require peers to present a certificate from --peer-trusted-ca-file.")
  boolean peerClientCertAuth;

  /** The client port's TLS for {@code url}; a one-line user error for an inconsistent set. */
  TlsFlags client(URI url) {
    return checked("", new TlsFlags(certFile, keyFile, trustedCaFile, clientCertAuth), url);
  }

  /** The peer port's TLS for {@code url} (also used to dial peers). */
  TlsFlags peer(URI url) {
    return checked("peer-", new TlsFlags(peerCertFile, peerKeyFile, peerTrustedCaFile, peerClientCertAuth), url);
  }

  private static TlsFlags checked(String prefix, TlsFlags flags, URI url) {
    String problem = flags.problem(prefix, url.getScheme());
    if (problem != null) {
      throw new UserError(problem);
    }
    return flags.forScheme(url.getScheme());
  }
}
