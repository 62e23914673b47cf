package io.plumbline.common.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate and its private key. {@link #toString()} names the subject only: the key never reaches a log.
 */
public final class Credentials {
  private final X509Certificate certificate;
  private final PrivateKey key;

  public Credentials(X509Certificate certificate, PrivateKey key) {
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    this.key = Objects.requireNonNull(key, "key");
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey key() {
    return key;
  }

  /** Writes the certificate (world-readable) and the key (owner-only, PKCS#8) as PEM files. */
  public void write(Path certificateFile, Path keyFile) throws IOException {
    Pem.writeCertificate(certificate, certificateFile);
    Pem.writeKey(key, keyFile);
  }

  /** Reads what {@link #write} wrote (or any PEM certificate + PKCS#8/PKCS#1/SEC1 key pair). */
  public static Credentials read(Path certificateFile, Path keyFile) throws IOException {
    return new Credentials(Pem.readCertificates(certificateFile).get(0), Pem.readKey(keyFile));
  }

  @Override
  public String toString() {
    return "Credentials[" + certificate.getSubjectX500Principal().getName() + ", key hidden]";
  }
}
