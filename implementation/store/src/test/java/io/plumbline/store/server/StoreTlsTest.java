package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plumbline.common.tls.CertificateAuthority;
import io.plumbline.common.tls.Credentials;
import io.plumbline.common.tls.TlsFiles;
import io.plumbline.common.tls.Validity;
import io.plumbline.store.security.TlsFlags;
import io.plumbline.store.transport.PeerClient;
import io.plumbline.store.transport.PeerMethods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client and peer TLS with etcd's flags: etcdctl 3.4 needs the CA and a client certificate, and every wrong
 * certificate (other CA, expired, not yet valid, signed by another CA) is refused; peers talk over mutual TLS.
 */
class StoreTlsTest {
  private static final Instant NOW = Instant.now();
  private static final Validity YEAR = Validity.startingAt(NOW, Duration.ofDays(365));
  @TempDir Path dir;
  private TlsFiles pki;
  private CertificateAuthority ca;

  @BeforeEach
  void certificates() throws Exception {
    pki = TlsFiles.create(dir.resolve("pki"), NOW, Duration.ofDays(365), "root", List.of());
    ca = CertificateAuthority.of(Credentials.read(pki.caFile(), dir.resolve("pki/ca.key")));
  }

  private TlsFlags serverTls() {
    return new TlsFlags(pki.serverCertFile(), pki.serverKeyFile(), pki.caFile(), true);
  }

  @Test
  void etcdctlPutIsRefusedWithoutAClientCertificateAndAcceptedWithOne() throws Exception {
    try (LocalCluster c = new LocalCluster(1, dir.resolve("data"), "https", cfg -> cfg.withTls(serverTls(), serverTls()))) {
      Etcdctl ctl = new Etcdctl(c.endpoints()[0], Files.createDirectories(dir.resolve("out")));
      String ca = "--cacert=" + pki.caFile();
      String cert = "--cert=" + pki.clientCertFile();
      String key = "--key=" + pki.clientKeyFile();

      assertThat(ctl.run(null, "--dial-timeout=2s", "--command-timeout=3s", ca, "put", "k", "v")).contains("Error").doesNotContain("OK");
      await().atMost(Duration.ofSeconds(30)).until(() -> ctl.run(null, ca, cert, key, "put", "k", "v").equals("OK\n"));
      assertThat(ctl.run(null, ca, cert, key, "get", "k", "--print-value-only")).isEqualTo("v\n");
      assertThat(ctl.run(null, "--dial-timeout=2s", "--command-timeout=3s", "get", "k"))
          .as("plaintext against a TLS port").contains("Error").doesNotContain("v\n");
    }
  }

  @Test
  void wrongCaExpiredNotYetValidAndForeignCertificatesAreRefused() throws Exception {
    CertificateAuthority other = CertificateAuthority.create("other-ca", YEAR);
    Path bad = Files.createDirectories(dir.resolve("bad"));
    other.credentials().write(bad.resolve("other-ca.crt"), bad.resolve("other-ca.key"));
    ca.issueClient("root", List.of(), Validity.expiredAt(NOW)).write(bad.resolve("expired.crt"), bad.resolve("expired.key"));
    ca.issueClient("root", List.of(), Validity.notYetValidAt(NOW)).write(bad.resolve("early.crt"), bad.resolve("early.key"));
    other.issueClient("root", List.of(), YEAR).write(bad.resolve("foreign.crt"), bad.resolve("foreign.key"));
    try (LocalCluster c = new LocalCluster(1, dir.resolve("data"), "https", cfg -> cfg.withTls(serverTls(), serverTls()))) {
      Etcdctl ctl = new Etcdctl(c.endpoints()[0], Files.createDirectories(dir.resolve("out")));
      String[] quick = {"--dial-timeout=2s", "--command-timeout=3s"};
      await().atMost(Duration.ofSeconds(30)).until(() -> ctl.run(null, "--cacert=" + pki.caFile(), "--cert=" + pki.clientCertFile(),
          "--key=" + pki.clientKeyFile(), "put", "k", "v").equals("OK\n"));
      assertThat(ctl.run(null, quick[0], quick[1], "--cacert=" + bad.resolve("other-ca.crt"), "--cert=" + pki.clientCertFile(),
          "--key=" + pki.clientKeyFile(), "put", "k", "x")).as("client trusts another CA").contains("Error").doesNotContain("OK");
      for (String name : List.of("expired", "early", "foreign")) {
        assertThat(ctl.run(null, quick[0], quick[1], "--cacert=" + pki.caFile(), "--cert=" + bad.resolve(name + ".crt"),
            "--key=" + bad.resolve(name + ".key"), "put", "k", "x")).as(name).contains("Error").doesNotContain("OK");
      }
      assertThat(ctl.run(null, "--cacert=" + pki.caFile(), "--cert=" + pki.clientCertFile(), "--key=" + pki.clientKeyFile(),
          "get", "k", "--print-value-only")).isEqualTo("v\n");
    }
  }

  /** etcd's AuthInfoFromTLS: with auth on and no token, the verified client certificate's CN is the user. */
  @Test
  void withClientCertAuthTheCertificatesCommonNameIsTheUser() throws Exception {
    Path other = Files.createDirectories(dir.resolve("mallory"));
    ca.issueClient("mallory", List.of(), YEAR).write(other.resolve("m.crt"), other.resolve("m.key"));
    try (LocalCluster c = new LocalCluster(1, dir.resolve("data"), "https", cfg -> cfg.withTls(serverTls(), serverTls()))) {
      Etcdctl ctl = new Etcdctl(c.endpoints()[0], Files.createDirectories(dir.resolve("out")));
      String[] root = {"--cacert=" + pki.caFile(), "--cert=" + pki.clientCertFile(), "--key=" + pki.clientKeyFile()};
      String[] mallory = {"--cacert=" + pki.caFile(), "--cert=" + other.resolve("m.crt"), "--key=" + other.resolve("m.key")};
      await().atMost(Duration.ofSeconds(30)).until(() -> ctl.run(null, root[0], root[1], root[2], "put", "k", "v").equals("OK\n"));
      assertThat(ctl.run(null, root[0], root[1], root[2], "user", "add", "root:rootpw")).isEqualTo("User root created\n");
      assertThat(ctl.run(null, root[0], root[1], root[2], "auth", "enable")).isEqualTo("Authentication Enabled\n");

      assertThat(ctl.run(null, root[0], root[1], root[2], "put", "k", "as-root")).as("CN=root, no --user").isEqualTo("OK\n");
      assertThat(ctl.run(null, mallory[0], mallory[1], mallory[2], "put", "k", "x")).as("CN=mallory, no such user")
          .isEqualTo("Error: etcdserver: permission denied\n");
      assertThat(ctl.run(null, mallory[0], mallory[1], mallory[2], "--user=root:wrong", "get", "k"))
          .isEqualTo("Error: etcdserver: authentication failed, invalid user ID or password\n");
      assertThat(ctl.run(null, root[0], root[1], root[2], "get", "k", "--print-value-only")).isEqualTo("as-root\n");
    }
  }

  @Test
  void peersReplicateOverMutualTlsAndAPeerWithoutTheCasCertificateIsRefused() throws Exception {
    try (LocalCluster c = new LocalCluster(3, dir.resolve("data"), "https", cfg -> cfg.withTls(serverTls(), serverTls()))) {
      Etcdctl ctl = new Etcdctl(String.join(",", c.endpoints()), Files.createDirectories(dir.resolve("out")));
      String[] auth = {"--cacert=" + pki.caFile(), "--cert=" + pki.clientCertFile(), "--key=" + pki.clientKeyFile()};
      await().atMost(Duration.ofSeconds(30)).until(() -> ctl.run(null, auth[0], auth[1], auth[2], "put", "k", "v").equals("OK\n"));
      await().atMost(Duration.ofSeconds(30)).until(() -> c.servers[0].node().read(m -> m.currentRevision()) >= 2
          && c.servers[1].node().read(m -> m.currentRevision()) >= 2 && c.servers[2].node().read(m -> m.currentRevision()) >= 2);

      byte[] leaseId = new byte[8];
      try (PeerClient legit = new PeerClient(c.configs.get(0).peerUrl(), serverTls())) {
        // the control: a peer with the CA's certificate is answered (a lease lookup: found, not found, or not leader)
        assertThat(legit.call(PeerMethods.LEASE_TTL, leaseId, 3000).handle((ok, err) -> err == null ? "answered" : err.getMessage())
            .get(10, TimeUnit.SECONDS)).isNotEqualTo("etcdserver: request timed out");
      }
      Path bad = Files.createDirectories(dir.resolve("bad"));
      CertificateAuthority other = CertificateAuthority.create("other-ca", YEAR);
      other.issueLocalServer("intruder", YEAR).write(bad.resolve("peer.crt"), bad.resolve("peer.key"));
      for (TlsFlags intruder : List.of(TlsFlags.NONE, new TlsFlags(bad.resolve("peer.crt"), bad.resolve("peer.key"), pki.caFile(), false))) {
        try (PeerClient p = new PeerClient(c.configs.get(0).peerUrl(), intruder)) {
          assertThatThrownBy(() -> p.call(PeerMethods.LEASE_TTL, leaseId, 3000).get(10, TimeUnit.SECONDS)).as(String.valueOf(intruder.certFile()))
              .hasMessageContaining("request timed out"); // the peer link maps any transport failure to a timeout
        }
      }
    }
  }
}
