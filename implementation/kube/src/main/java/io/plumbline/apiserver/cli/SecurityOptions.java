package io.plumbline.apiserver.cli;

import io.plumbline.apiserver.auth.Security;
import io.plumbline.apiserver.store.EtcdClientTls;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.FlagGroups;
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

  @Option(names = "--etcd-cafile", paramLabel = "FILE",
      description = "PEM CA of a TLS store's certificate (https --etcd-endpoints).")
  Path etcdCaFile;

  @Option(names = "--etcd-certfile", paramLabel = "FILE",
      description = "PEM client certificate presented to the store.")
  Path etcdCertFile;

  @Option(names = "--etcd-keyfile", paramLabel = "FILE",
      description = "PEM private key of --etcd-certfile.")
  Path etcdKeyFile;

  public Security security() {
    FlagGroups.together("--tls-cert-file", tlsCertFile, "--tls-private-key-file", tlsPrivateKeyFile);
    if (clientCaFile != null && tlsCertFile == null) {
      throw new UserError("--client-ca-file needs HTTPS (--tls-cert-file, --tls-private-key-file)");
    }
    FlagGroups.together("--etcd-cafile", etcdCaFile, "--etcd-certfile", etcdCertFile, "--etcd-keyfile",
        etcdKeyFile);
    boolean etcdTls = etcdCaFile != null;
    return new Security(Optional.ofNullable(tokenAuthFile), Optional.ofNullable(clientCaFile),
        Optional.ofNullable(tlsCertFile), Optional.ofNullable(tlsPrivateKeyFile), anonymousAuth,
        authorizationMode, etcdTls ? Optional.of(new EtcdClientTls(etcdCaFile, etcdCertFile,
            etcdKeyFile)) : Optional.empty());
  }
}
