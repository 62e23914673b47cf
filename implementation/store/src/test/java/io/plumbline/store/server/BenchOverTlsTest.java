package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.common.tls.TlsFiles;
import io.plumbline.store.bench.Bench;
import io.plumbline.store.bench.BenchOp;
import io.plumbline.store.bench.BenchRow;
import io.plumbline.store.security.TlsFlags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --cacert/--cert/--key} against a member that requires client certificates (etcd's --client-cert-auth). */
class BenchOverTlsTest {
  @TempDir Path dir;

  @Test
  void benchWithTheClientCertificateSucceedsAndWithoutItFailsNamingTheFlags() throws Exception {
    TlsFiles pki = TlsFiles.create(dir.resolve("pki"), Instant.now(), Duration.ofDays(1), "root", List.of());
    TlsFlags server = new TlsFlags(pki.serverCertFile(), pki.serverKeyFile(), pki.caFile(), true);
    try (LocalCluster c = new LocalCluster(1, dir.resolve("data"), "https", cfg -> cfg.withTls(server, server))) {
      String[] endpoints = c.endpoints();
      EtcdAccess withCert = new EtcdAccess(pki.caFile(), pki.clientCertFile(), pki.clientKeyFile(), null, null);
      BenchRow row = Bench.run(endpoints, withCert, BenchOp.parse("put"), 2, 50, 16);
      assertThat(row.ops()).as("puts answered").isEqualTo(50);
      assertThat(row.errors()).isZero();

      EtcdAccess caOnly = new EtcdAccess(pki.caFile(), null, null, null, null);
      assertThatThrownBy(() -> Bench.run(endpoints, caOnly, BenchOp.parse("put"), 1, 5, 16))
          .isInstanceOf(UserError.class).hasMessageContaining("cannot read from " + endpoints[0])
          .hasMessageContaining("--cert/--key");
    }
  }
}
