package io.plumbline.controlplane;

import io.plumbline.common.tls.CertificateAuthority;
import io.plumbline.common.tls.Credentials;
import io.plumbline.common.tls.JdkTls;
import io.plumbline.common.tls.Validity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The certificates {@code up} makes in {@code DIR/pki}, one CA signing them all (keys 0600,
 * never printed): the store members' server/peer certificate and the API servers' client
 * certificate for the store, the API servers' serving certificate, and one client certificate
 * per identity — {@code admin} (CN plumbline-admin, O system:masters: the kubeconfig's user) and
 * {@code controller-manager} (CN system:kube-controller-manager) and {@code scheduler} (CN
 * system:kube-scheduler), each bound to its own bootstrap ClusterRole. A new {@code up} makes new ones.
 */
public record UpPki(Path dir) {
  public static final String ADMIN_USER = "plumbline-admin";
  public static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";
  public static final String SCHEDULER_USER = "system:kube-scheduler";
  /** The identity whose certificate the API servers (and {@code up}'s probes) show the store. */
  public static final String STORE_CLIENT = "apiserver-etcd-client";
  private static final Duration VALIDITY = Duration.ofDays(365);

  public static UpPki create(Path dir, Instant now) throws IOException {
    Files.createDirectories(dir);
    Validity validity = Validity.startingAt(now, VALIDITY);
    CertificateAuthority ca = CertificateAuthority.create("plumbline-ca", validity);
    UpPki pki = new UpPki(dir);
    ca.credentials().write(pki.ca(), dir.resolve("ca.key"));
    ca.issueLocalServer("plumbline-store", validity).write(pki.cert("store"), pki.key("store"));
    ca.issueClient("plumbline-apiserver", List.of(), validity)
        .write(pki.cert(STORE_CLIENT), pki.key(STORE_CLIENT));
    ca.issueLocalServer("kube-apiserver", validity).write(pki.cert("apiserver"),
        pki.key("apiserver"));
    ca.issueClient(ADMIN_USER, List.of("system:masters"), validity).write(pki.cert("admin"),
        pki.key("admin"));
    ca.issueClient(CONTROLLER_MANAGER_USER, List.of(), validity)
        .write(pki.cert("controller-manager"), pki.key("controller-manager"));
    ca.issueClient(SCHEDULER_USER, List.of(), validity)
        .write(pki.cert("scheduler"), pki.key("scheduler"));
    return pki;
  }

  public Path ca() {
    return dir.resolve("ca.crt");
  }

  public Path cert(String identity) {
    return dir.resolve(identity + ".crt");
  }

  public Path key(String identity) {
    return dir.resolve(identity + ".key");
  }

  /** A TLS context trusting the CA and presenting {@code identity}'s certificate. */
  public SSLContext context(String identity) throws IOException {
    return JdkTls.context(ca(), cert(identity), key(identity));
  }
}
