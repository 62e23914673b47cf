package io.plumbline.apiserver.auth;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * kube-apiserver's {@code --client-ca-file} authenticator: a client certificate chain that
 * verifies up to one of the CAs names the user by its subject's CN and the groups by its O
 * values. The TLS layer accepts any certificate; the check is here (the JDK's PKIX validator,
 * revocation lists off as in kube-apiserver) so that a bad certificate gets a 401 with the
 * reason, as kube-apiserver answers, instead of a bare handshake failure.
 */
public final class ClientCertificates {
  /** The chain did not verify; the message says why (unknown authority, expired, not yet valid). */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message);
    }
  }

  private final Set<TrustAnchor> anchors;
  private final Clock clock;

  public ClientCertificates(List<X509Certificate> cas, Clock clock) {
    this.anchors = Set.copyOf(cas.stream().map(ca -> new TrustAnchor(ca, null)).toList());
    this.clock = clock;
  }

  /** The CA certificates, for the TLS layer to name as acceptable issuers. */
  public X509Certificate[] issuers() {
    return anchors.stream().map(TrustAnchor::getTrustedCert).toArray(X509Certificate[]::new);
  }

  /** The user the chain names, or empty for no chain; {@link Rejected} when it does not verify. */
  public Optional<UserInfo> user(X509Certificate[] chain) throws Rejected {
    if (chain == null || chain.length == 0) {
      return Optional.empty();
    }
    verify(chain);
    return Optional.of(userOf(chain[0]));
  }

  private void verify(X509Certificate[] chain) throws Rejected {
    try {
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(clock.instant()));
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(chain)),
          params);
    } catch (CertPathValidatorException e) {
      throw new Rejected("x509: " + reason(e, chain[0]));
    } catch (GeneralSecurityException e) {
      throw new Rejected("x509: " + e.getMessage());
    }
  }

  private String reason(CertPathValidatorException e, X509Certificate leaf) {
    Date now = Date.from(clock.instant());
    if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED || now.after(leaf.getNotAfter())) {
      return "certificate has expired or is not yet valid: current time " + clock.instant()
          + " is after " + leaf.getNotAfter().toInstant();
    }
    if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID
        || now.before(leaf.getNotBefore())) {
      return "certificate has expired or is not yet valid: current time " + clock.instant()
          + " is before " + leaf.getNotBefore().toInstant();
    }
    return "certificate signed by unknown authority (issuer \""
        + leaf.getIssuerX500Principal().getName() + "\")";
  }

  static UserInfo userOf(X509Certificate leaf) {
    String cn = "";
    List<String> groups = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = String.valueOf(rdn.getValue());
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          groups.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      throw new IllegalStateException("a verified certificate with an unparsable subject", e);
    }
    return new UserInfo(cn, "", groups);
  }
}
