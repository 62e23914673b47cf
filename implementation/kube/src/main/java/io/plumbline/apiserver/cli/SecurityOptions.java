package io.plumbline.apiserver.cli;

import io.plumbline.apiserver.auth.Security;
import io.plumbline.common.UserError;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** kube-apiserver's authentication, authorization and serving-certificate flags: a picocli mixin. */
public final class SecurityOptions {
  @Option(names = "--token-auth-file", paramLabel = "FILE",
      description = "Bearer tokens, one 'token,user,uid,\"group1,group2\"' CSV line each.")
  Path tokenAuthFile;

  @Option(names = "--client-ca-file", paramLabel = "FILE",
      description = "PEM CA certificates; a client certificate signed by one names the user "
          + "(CN) and groups (O).")
  Path clientCaFile;

  @Option(names = "--tls-cert-file", paramLabel = "FILE",
      description = "PEM server certificate: serve HTTPS instead of HTTP.")
  Path tlsCertFile;

  @Option(names = "--tls-private-key-file", paramLabel = "FILE",
      description = "PEM private key of --tls-cert-file.")
  Path tlsPrivateKeyFile;

  @Option(names = "--anonymous-auth", negatable = true, defaultValue = "false",
      fallbackValue = "true",
      description = "Let requests without credentials in as system:anonymous (default: "
          + "${DEFAULT-VALUE}; health probes are always reachable).")
  boolean anonymousAuth;

  @Option(names = "--authorization-mode", defaultValue = "RBAC",
      description = "RBAC or AlwaysAllow (every authenticated request is allowed; for "
          + "debugging) (default: ${DEFAULT-VALUE}).")
  Security.Mode authorizationMode;

  public Security security() {
    if ((tlsCertFile == null) != (tlsPrivateKeyFile == null)) {
      throw new UserError("--tls-cert-file and --tls-private-key-file go together");
    }
    if (clientCaFile != null && tlsCertFile == null) {
      throw new UserError("--client-ca-file needs HTTPS (--tls-cert-file, --tls-private-key-file)");
    }
    return new Security(Optional.ofNullable(tokenAuthFile), Optional.ofNullable(clientCaFile),
        Optional.ofNullable(tlsCertFile), Optional.ofNullable(tlsPrivateKeyFile), anonymousAuth,
        authorizationMode);
  }
}
