package io.plumbline.apiserver;

import io.plumbline.apiserver.auth.Security;
import io.plumbline.common.tls.CertificateAuthority;
import io.plumbline.common.tls.Credentials;
import io.plumbline.common.tls.JdkTls;
import io.plumbline.common.tls.Pem;
import io.plumbline.common.tls.Validity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What a test of a secured API server stands on: a test CA, the server's certificate signed by it
 * ({@code ca.crt}, {@code server.crt}, {@code server.key} in {@code dir}), a one-member reference
 * store, the test's API server over it ({@link #serve}), and client certificates issued on demand
 * (CN the user, O the groups, as {@code up} issues them).
 */
final class SecureFixture implements AutoCloseable {
  final Path dir;
  final CertificateAuthority ca;
  final TestStore store;
  private ApiServer server;

  private SecureFixture(Path dir, CertificateAuthority ca, TestStore store) {
    this.dir = dir;
    this.ca = ca;
    this.store = store;
  }

  static SecureFixture start(Path dir) throws Exception {
    Instant now = Instant.now();
    CertificateAuthority ca = CertificateAuthority.create("test-ca",
        Validity.startingAt(now, Duration.ofDays(1)));
    Pem.writeCertificate(ca.certificate(), dir.resolve("ca.crt"));
    ca.issueLocalServer("apiserver", Validity.startingAt(now, Duration.ofDays(1)))
        .write(dir.resolve("server.crt"), dir.resolve("server.key"));
    return new SecureFixture(dir, ca, TestStore.start(TestStore.REFERENCE, 1));
  }

  /** An hour from now: long enough for any test. */
  static Validity valid() {
    return Validity.startingAt(Instant.now(), Duration.ofHours(1));
  }

  /** HTTPS with the fixture's certificate, client certificates from its CA, and {@code tokens}. */
  Security security(Optional<Path> tokens, boolean anonymousAuth, Security.Mode mode) {
    return new Security(tokens, Optional.of(dir.resolve("ca.crt")),
        Optional.of(dir.resolve("server.crt")), Optional.of(dir.resolve("server.key")),
        anonymousAuth, mode, Optional.empty());
  }

  /** An API server on a free port over the fixture's store, fenced, 1 s resync. */
  ApiServer.Settings settings(Security security, boolean duties, int nodes) {
    return new ApiServer.Settings(store.clientUrls(), "127.0.0.1", 0, Duration.ofSeconds(30),
        duties, 1_000, nodes, 500, true, security);
  }

  /** Starts the test's API server, which {@link #close()} stops before the store. */
  ApiServer serve(ApiServer.Settings settings) {
    server = ApiServer.start(settings);
    return server;
  }

  /** A client certificate for {@code user} in {@code groups}, valid for an hour. */
  Credentials issue(String user, String... groups) {
    return ca.issueClient(user, List.of(groups), valid());
  }

  /** A client of the server on {@code port} trusting the CA; {@code own} and {@code token} may be null. */
  SecureClient client(int port, Credentials own, String token) {
    return new SecureClient(port, ca.certificate(), own, token);
  }

  /** A JDK TLS context trusting the CA and presenting {@code own} (null: no certificate). */
  SSLContext tls(Credentials own) {
    return JdkTls.context(own, List.of(ca.certificate()));
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close();
    }
    store.close();
  }
}
