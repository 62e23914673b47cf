package io.plumbline.common.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./plumbline certs}: a CA, a server certificate for 127.0.0.1/localhost and a client certificate, as PEM files. */
@Command(name = "certs", mixinStandardHelpOptions = true,
    description = "Write a CA (ca.crt, ca.key), a server certificate for 127.0.0.1 and localhost (server.crt, server.key) "
        + "and a client certificate (client.crt, client.key) into a directory. Keys are written owner-only and never printed.")
public final class CertsCommand implements Callable<Integer> {
  @Option(names = "--dir", required = true, description = "Directory to write the files into (created if missing).")
  Path dir;

  @Option(names = "--user", defaultValue = "root", description = "The client certificate's CN: the user (default ${DEFAULT-VALUE}).")
  String user;

  @Option(names = "--group", description = "An O of the client certificate (Kubernetes reads it as a group); repeatable.")
  List<String> groups = List.of();

  @Option(names = "--days", defaultValue = "365", description = "Validity in days (default ${DEFAULT-VALUE}).")
  int days;

  @Override
  public Integer call() throws Exception {
    TlsFiles f = TlsFiles.create(dir, Instant.now(), Duration.ofDays(days), user, groups);
    System.out.println("CA:     " + f.caFile());
    System.out.println("server: " + f.serverCertFile() + " " + f.serverKeyFile() + " (SANs 127.0.0.1, localhost)");
    System.out.println("client: " + f.clientCertFile() + " " + f.clientKeyFile() + " (CN=" + user + ")");
    return 0;
  }
}
