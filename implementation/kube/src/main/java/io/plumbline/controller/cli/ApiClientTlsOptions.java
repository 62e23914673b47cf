package io.plumbline.controller.cli;

import io.plumbline.common.UserError;
import io.plumbline.common.cli.FlagGroups;
import io.plumbline.common.tls.JdkTls;
import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * How the controller manager and the scheduler it may run dial an https API server, as a picocli
 * mixin: the CA that signed the server's certificate (kubeconfig's {@code certificate-authority})
 * and one client certificate each, so the API server sees two users ({@code up} issues them).
 */
public final class ApiClientTlsOptions {
  @Option(names = "--certificate-authority", paramLabel = "FILE",
      description = "PEM CA that signed the API server's certificate (for an https --server).")
  Path certificateAuthority;

  @Option(names = "--client-certificate", paramLabel = "FILE",
      description = "PEM client certificate this instance authenticates with (CN = user).")
  Path clientCertificate;

  @Option(names = "--client-key", paramLabel = "FILE",
      description = "PEM private key of --client-certificate.")
  Path clientKey;

  @Option(names = "--scheduler-certificate", paramLabel = "FILE",
      description = "PEM client certificate the scheduler authenticates with (CN system:kube-scheduler).")
  Path schedulerCertificate;

  @Option(names = "--scheduler-key", paramLabel = "FILE",
      description = "PEM private key of --scheduler-certificate.")
  Path schedulerKey;

  /** The controller manager's own TLS context, or null for a plain-HTTP server. */
  SSLContext controllerManager() {
    return context("--client-certificate", clientCertificate, "--client-key", clientKey);
  }

  /** The scheduler's TLS context (same CA, its own certificate), or null for plain HTTP. */
  SSLContext scheduler() {
    return context("--scheduler-certificate", schedulerCertificate, "--scheduler-key",
        schedulerKey);
  }

  /** Trust --certificate-authority, present {@code cert}; null when neither is given. */
  private SSLContext context(String certFlag, Path cert, String keyFlag, Path key) {
    if (certificateAuthority == null && cert == null) {
      return null;
    }
    FlagGroups.together(certFlag, cert, keyFlag, key);
    try {
      return JdkTls.context(certificateAuthority, cert, key);
    } catch (IOException e) {
      throw new UserError("controller-manager TLS files: " + e.getMessage(), e);
    }
  }
}
