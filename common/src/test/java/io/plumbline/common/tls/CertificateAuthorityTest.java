package io.plumbline.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
  private static final Instant NOW = Instant.now();
  private static final Validity YEAR = Validity.startingAt(NOW, Duration.ofDays(365));

  @Test
  void serverCertificateIsSignedByTheCaAndNamesLoopbackInItsSans() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("test-ca", YEAR);
    X509Certificate server = ca.issueLocalServer("store", YEAR).certificate();

    server.verify(ca.certificate().getPublicKey());
    assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0); // a CA
    assertThat(server.getBasicConstraints()).isEqualTo(-1); // not a CA
    Collection<List<?>> sans = server.getSubjectAlternativeNames();
    assertThat(sans.stream().map(l -> String.valueOf(l.get(1))).toList()).containsExactly("127.0.0.1", "localhost");
    assertThat(sans.stream().map(l -> String.valueOf(l.get(0))).toList()).containsExactly("7", "2"); // iPAddress, dNSName
    assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
  }

  @Test
  void clientCertificateCarriesUserAsCnAndGroupsAsO() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("test-ca", YEAR);
    X509Certificate client = ca.issueClient("alice", List.of("system:masters", "dev"), YEAR).certificate();

    client.verify(ca.certificate().getPublicKey());
    assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=alice,O=dev,O=system:masters");
    assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
  }

  @Test
  void aCertificateFromAnotherCaDoesNotVerify() {
    CertificateAuthority ca = CertificateAuthority.create("test-ca", YEAR);
    CertificateAuthority other = CertificateAuthority.create("other-ca", YEAR);
    X509Certificate foreign = other.issueClient("mallory", List.of(), YEAR).certificate();

    assertThatThrownBy(() -> foreign.verify(ca.certificate().getPublicKey()))
        .isInstanceOf(java.security.SignatureException.class);
  }

  @Test
  void chosenValidityMakesExpiredAndNotYetValidCertificates() {
    CertificateAuthority ca = CertificateAuthority.create("test-ca", YEAR);
    X509Certificate expired = ca.issueClient("old", List.of(), Validity.expiredAt(NOW)).certificate();
    X509Certificate early = ca.issueClient("early", List.of(), Validity.notYetValidAt(NOW)).certificate();

    assertThatThrownBy(() -> expired.checkValidity(Date.from(NOW))).isInstanceOf(CertificateExpiredException.class);
    assertThatThrownBy(() -> early.checkValidity(Date.from(NOW))).isInstanceOf(CertificateNotYetValidException.class);
  }

  @Test
  void pemFilesRoundTripAndTheKeyFileIsOwnerOnly(@TempDir Path dir) throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("test-ca", YEAR);
    Credentials server = ca.issueLocalServer("store", YEAR);
    server.write(dir.resolve("s.crt"), dir.resolve("s.key"));

    Credentials back = Credentials.read(dir.resolve("s.crt"), dir.resolve("s.key"));
    assertThat(back.certificate()).isEqualTo(server.certificate());
    assertThat(back.key().getEncoded()).isEqualTo(server.key().getEncoded());
    assertThat(Files.readString(dir.resolve("s.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(dir.resolve("s.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("s.key")))).isEqualTo("rw-------");

    CertificateAuthority reloaded = CertificateAuthority.of(back);
    reloaded.issueClient("bob", List.of(), YEAR).certificate().verify(server.certificate().getPublicKey());
  }

  @Test
  void credentialsNeverPrintTheirKey() {
    Credentials client = CertificateAuthority.create("test-ca", YEAR).issueClient("alice", List.of(), YEAR);
    String printed = client.toString();
    assertThat(printed).contains("CN=alice").contains("key hidden")
        .doesNotContain(Base64.getEncoder().encodeToString(client.key().getEncoded()).substring(0, 16));
  }

  @Test
  void aFileWithoutAKeyIsRefusedNamingTheFileOnly(@TempDir Path dir) throws Exception {
    Path notKey = dir.resolve("x.key");
    Files.writeString(notKey, "secret-looking text");
    assertThatThrownBy(() -> Pem.readKey(notKey)).hasMessageContaining("x.key").hasMessageNotContaining("secret");
  }
}
