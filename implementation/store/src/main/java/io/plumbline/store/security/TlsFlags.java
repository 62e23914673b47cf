package io.plumbline.store.security;

import java.nio.file.Path;

/**
 * One port's TLS settings, as etcd's flags name them ({@code --cert-file}, {@code --key-file},
 * {@code --trusted-ca-file}, {@code --client-cert-auth}; the peer port's have a {@code --peer-} prefix).
 * Files are PEM. {@link #NONE} is plaintext.
 *
 * @param certFile this member's certificate (served to clients, and to peers when it dials them)
 * @param keyFile its private key
 * @param trustedCaFile the CAs that sign the other side's certificate (clients' or peers')
 * @param clientCertAuth whether the other side must present a certificate signed by {@code trustedCaFile}
 */
public record TlsFlags(Path certFile, Path keyFile, Path trustedCaFile, boolean clientCertAuth) {
  public static final TlsFlags NONE = new TlsFlags(null, null, null, false);

  /** TLS is on when this member has a certificate and key. */
  public boolean enabled() {
    return certFile != null && keyFile != null;
  }

  /**
   * etcd's refusals for an inconsistent set: an https URL needs a certificate and key, client certificate
   * authentication needs a CA to check them against. Returns the problem, or null.
   */
  public String problem(String prefix, String scheme) {
    if ((certFile == null) != (keyFile == null)) {
      return "--" + prefix + "cert-file and --" + prefix + "key-file must be given together";
    }
    if ("https".equals(scheme) && !enabled()) {
      return "TLS key/cert (--" + prefix + "cert-file, --" + prefix + "key-file) must be provided for an https URL";
    }
    if (clientCertAuth && trustedCaFile == null) {
      return "--" + prefix + "client-cert-auth needs --" + prefix + "trusted-ca-file to check certificates against";
    }
    return null;
  }

  /** What a URL of {@code scheme} serves with: as etcd, an http URL ignores the certificate files. */
  public TlsFlags forScheme(String scheme) {
    return "https".equals(scheme) ? this : NONE;
  }
}
