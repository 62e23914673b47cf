package io.plumbline.chaos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import io.plumbline.common.tls.TlsFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code chaos --cacert/--cert/--key} against one reference member serving clients over TLS with
 * {@code --client-cert-auth}: a short register run is valid with the client certificate, and without it the
 * run stops before any operation with an error naming the flags.
 */
class ChaosOverTlsTest {
  @TempDir Path dir;

  private List<String> args(TlsFiles pki, String... client) {
    List<String> a = new ArrayList<>(List.of("--target", "reference", "--runtime", "local", "--nodes", "1",
        "--nemesis", "none", "--workload", "register", "--duration", "3s", "--rate", "40", "--concurrency", "2",
        "--seed", "7", "--report", dir.resolve("run").toString(),
        "--target-args", "--cert-file " + pki.serverCertFile() + " --key-file " + pki.serverKeyFile()
            + " --trusted-ca-file " + pki.caFile() + " --client-cert-auth"));
    a.addAll(List.of(client));
    return a;
  }

  @Test
  void aRegisterRunOverClientCertificateTlsIsValidAndWithoutTheCertificateItIsRefused() throws Exception {
    TlsFiles pki = TlsFiles.create(dir.resolve("pki"), Instant.now(), Duration.ofDays(1), "root", List.of());
    StringWriter out = new StringWriter();
    ChaosCommand chaos = new ChaosCommand();
    CommandLine cl = new CommandLine(chaos).setOut(new PrintWriter(out));
    int code = cl.execute(args(pki, "--cacert", pki.caFile().toString(), "--cert", pki.clientCertFile().toString(),
        "--key", pki.clientKeyFile().toString()).toArray(String[]::new));
    assertThat(out.toString()).contains("cluster up: https://127.0.0.1:").contains("verdict: valid");
    assertThat(code).isZero();

    ChaosCommand noCert = new ChaosCommand();
    new CommandLine(noCert).setOut(new PrintWriter(new StringWriter()))
        .parseArgs(args(pki, "--cacert", pki.caFile().toString()).toArray(String[]::new));
    assertThatThrownBy(noCert::call).isInstanceOf(UserError.class).hasMessageContaining("TLS to https://127.0.0.1:")
        .hasMessageContaining("--cert/--key");
  }
}
