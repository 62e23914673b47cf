package io.plumbline.common.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A directory of PEM files for a local cluster: {@code ca.crt} (+ {@code ca.key}), {@code server.crt/key} (SANs
 * 127.0.0.1 and localhost, usable for client and peer ports) and {@code client.crt/key} for a user. The layout
 * etcd's and kubectl's flags point at.
 */
public record TlsFiles(Path caFile, Path serverCertFile, Path serverKeyFile, Path clientCertFile, Path clientKeyFile) {

  /** Creates a CA and certificates valid for {@code length} from {@code now}; the client is {@code user} in {@code groups}. */
  public static TlsFiles create(Path dir, Instant now, Duration length, String user, List<String> groups) throws IOException {
    Files.createDirectories(dir);
    Validity validity = Validity.startingAt(now, length);
    CertificateAuthority ca = CertificateAuthority.create("plumbline-ca", validity);
    TlsFiles files = in(dir);
    ca.credentials().write(files.caFile, dir.resolve("ca.key"));
    ca.issueLocalServer("plumbline-server", validity).write(files.serverCertFile, files.serverKeyFile);
    ca.issueClient(user, groups, validity).write(files.clientCertFile, files.clientKeyFile);
    return files;
  }

  /** The file names inside {@code dir}, whether they exist yet or not. */
  public static TlsFiles in(Path dir) {
    return new TlsFiles(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
        dir.resolve("client.crt"), dir.resolve("client.key"));
  }
}
