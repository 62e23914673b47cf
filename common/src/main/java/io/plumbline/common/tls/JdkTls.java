package io.plumbline.common.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK {@link SSLContext}s from {@link Credentials} and trusted CAs, for servers and clients that use the JDK's TLS
 * (Jetty, HttpClient). In-memory key stores: nothing is written to disk, no password is a real secret.
 */
public final class JdkTls {
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private JdkTls() {}

  /**
   * A context from PEM files: {@code ca} to trust (null: the JDK's CAs) and {@code cert} with its {@code key} to
   * present (both null: no certificate). What every client holding TLS files builds (the controller manager's
   * --certificate-authority/--client-*, the certificates {@code up} made).
   */
  public static SSLContext context(java.nio.file.Path ca, java.nio.file.Path cert, java.nio.file.Path key)
      throws IOException {
    return context(cert == null ? null : Credentials.read(cert, key),
        ca == null ? List.of() : Pem.readCertificates(ca));
  }

  /** {@code own} may be null (a client without a certificate); {@code trusted} may be empty (trust the JDK's CAs). */
  public static SSLContext context(Credentials own, List<X509Certificate> trusted) {
    try {
      KeyManagerFactory keys = null;
      if (own != null) {
        KeyStore store = emptyStore();
        store.setKeyEntry("own", own.key(), IN_MEMORY, new Certificate[] {own.certificate()});
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, IN_MEMORY);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (trusted.isEmpty()) {
        trust.init((KeyStore) null);
      } else {
        KeyStore store = emptyStore();
        for (int i = 0; i < trusted.size(); i++) {
          store.setCertificateEntry("ca-" + i, trusted.get(i));
        }
        trust.init(store);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }
}
