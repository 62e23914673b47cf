package io.plumbline.common.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate authority that issues server certificates (with DNS and IP subject alternative names,
 * which Go's TLS requires) and client certificates (CN = user, O = groups, as etcd and Kubernetes read them).
 *
 * <p>Keys are ECDSA P-256: quick to make, accepted by etcd 3.4, Go, Netty and OpenSSL.
 */
public final class CertificateAuthority {
  private static final String SIGNATURE = "SHA256withECDSA";
  private final Credentials credentials;
  private final SecureRandom random;

  private CertificateAuthority(Credentials credentials, SecureRandom random) {
    this.credentials = credentials;
    this.random = random;
  }

  /** A new CA named {@code commonName}. */
  public static CertificateAuthority create(String commonName, Validity validity) {
    SecureRandom random = new SecureRandom();
    KeyPair keys = newKeyPair(random);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), validity, random)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate cert = sign(builder, keys);
      return new CertificateAuthority(new Credentials(cert, keys.getPrivate()), random);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot create CA " + commonName, e);
    }
  }

  /** Loads a CA written by {@link Credentials#write}. */
  public static CertificateAuthority of(Credentials credentials) {
    return new CertificateAuthority(credentials, new SecureRandom());
  }

  public X509Certificate certificate() {
    return credentials.certificate();
  }

  public Credentials credentials() {
    return credentials;
  }

  /**
   * A certificate for a server (and, as etcd's peer certificates need, a client of its peers): extended key usage
   * serverAuth + clientAuth, SANs {@code hosts} (IP literals become IP SANs, the rest DNS SANs).
   */
  public Credentials issueServer(String commonName, List<String> hosts, Validity validity) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      names.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host));
    }
    return issue(subject, validity, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
        new GeneralNames(names.toArray(GeneralName[]::new)));
  }

  /** The usual server certificate on this machine: SANs 127.0.0.1 and localhost. */
  public Credentials issueLocalServer(String commonName, Validity validity) {
    return issueServer(commonName, List.of("127.0.0.1", "localhost"), validity);
  }

  /** A client certificate: CN = {@code user}, one O per group (Kubernetes reads O as groups; etcd reads CN only). */
  public Credentials issueClient(String user, List<String> groups, Validity validity) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    for (String group : groups) {
      subject.addRDN(BCStyle.O, group);
    }
    subject.addRDN(BCStyle.CN, user);
    return issue(subject.build(), validity, new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
  }

  private Credentials issue(X500Name subject, Validity validity, KeyPurposeId[] purposes, GeneralNames sans) {
    KeyPair keys = newKeyPair(random);
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X500Name issuer = X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
      X509v3CertificateBuilder builder = builder(issuer, subject, keys.getPublic(), validity, random)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate()));
      if (sans != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, sans);
      }
      return new Credentials(sign(builder, new KeyPair(certificate().getPublicKey(), credentials.key())), keys.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Validity validity,
      SecureRandom random) {
    // positive 63-bit serials: unique enough and always a valid DER INTEGER of at most 20 octets
    BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
    return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(validity.notBefore()), Date.from(validity.notAfter()),
        subject, key);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC P-256 key generator in this JVM", e);
    }
  }

  private static boolean isIpLiteral(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(host); // a literal never causes a DNS lookup
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
