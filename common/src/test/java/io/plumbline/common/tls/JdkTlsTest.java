package io.plumbline.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Real TLS handshakes on loopback: mutual TLS succeeds, and each wrong certificate is refused. */
class JdkTlsTest {
  private static final Instant NOW = Instant.now();
  private static final Validity YEAR = Validity.startingAt(NOW, Duration.ofDays(365));
  private final CertificateAuthority ca = CertificateAuthority.create("test-ca", YEAR);
  private final Credentials server = ca.issueLocalServer("server", YEAR);

  @Test
  void mutualTlsWithCertificatesFromTheSameCaSucceedsAndTheServerSeesTheUser() throws Exception {
    String peer = handshake(ca.issueClient("alice", List.of("dev"), YEAR), List.of(ca.certificate())).join();
    assertThat(peer).isEqualTo("CN=alice,O=dev");
  }

  @Test
  void aClientThatTrustsAnotherCaRefusesTheServer() {
    CertificateAuthority other = CertificateAuthority.create("other-ca", YEAR);
    assertThatThrownBy(() -> handshake(ca.issueClient("alice", List.of(), YEAR), List.of(other.certificate())))
        .isInstanceOf(SSLException.class).hasMessageContaining("PKIX path");
  }

  @Test
  void theServerRefusesExpiredNotYetValidAndForeignClientCertificates() {
    CertificateAuthority other = CertificateAuthority.create("other-ca", YEAR);
    for (Credentials bad : List.of(ca.issueClient("old", List.of(), Validity.expiredAt(NOW)),
        ca.issueClient("early", List.of(), Validity.notYetValidAt(NOW)),
        other.issueClient("mallory", List.of(), YEAR))) {
      assertThatThrownBy(() -> handshake(bad, List.of(ca.certificate())).get(10, TimeUnit.SECONDS))
          .as(bad.toString()).hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  /** Runs a handshake; the future holds the client subject the server saw, or the server's failure. */
  private CompletableFuture<String> handshake(Credentials client, List<java.security.cert.X509Certificate> clientTrusts)
      throws IOException {
    SSLContext serverContext = JdkTls.context(server, List.of(ca.certificate()));
    SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
    listener.setNeedClientAuth(true);
    CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
      try (listener; SSLSocket s = (SSLSocket) listener.accept()) {
        s.startHandshake();
        return ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
            .getSubjectX500Principal().getName();
      } catch (IOException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    try (SSLSocket s = (SSLSocket) JdkTls.context(client, clientTrusts).getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
      s.startHandshake();
      s.getInputStream().read(); // TLS 1.3: the server's verdict on the client certificate arrives after the handshake
    } catch (SSLException e) {
      listener.close();
      if (e.getMessage().contains("PKIX")) {
        throw e; // the client refused the server
      }
    } catch (IOException e) {
      // The server refused the client and closed first, so the client's last handshake write met a broken pipe
      // (a race, seen on a fresh machine): the server's side, in the future, says why.
      listener.close();
    }
    return seen;
  }
}
