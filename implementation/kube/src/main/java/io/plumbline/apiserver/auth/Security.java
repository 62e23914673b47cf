package io.plumbline.apiserver.auth;

import io.plumbline.apiserver.store.EtcdClientTls;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How an API server authenticates and authorizes, in kube-apiserver's flags:
 * {@code --token-auth-file}, {@code --client-ca-file}, {@code --tls-cert-file} /
 * {@code --tls-private-key-file} (HTTPS when set), {@code --anonymous-auth},
 * {@code --authorization-mode} (RBAC or AlwaysAllow), and how it dials a TLS store
 * ({@code --etcd-cafile}, {@code --etcd-certfile}, {@code --etcd-keyfile}).
 */
public record Security(Optional<Path> tokenAuthFile, Optional<Path> clientCaFile,
    Optional<Path> tlsCertFile, Optional<Path> tlsPrivateKeyFile, boolean anonymousAuth,
    Mode authorizationMode, Optional<EtcdClientTls> etcdTls) {

  /** {@code --authorization-mode}. */
  public enum Mode { RBAC, AlwaysAllow }

  /** Plain HTTP, everyone is anonymous and may do anything (the {@code --insecure} mode). */
  public static final Security OPEN = new Security(Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), true, Mode.AlwaysAllow, Optional.empty());

  public Security withEtcdTls(EtcdClientTls tls) {
    return new Security(tokenAuthFile, clientCaFile, tlsCertFile, tlsPrivateKeyFile,
        anonymousAuth, authorizationMode, Optional.of(tls));
  }

  public boolean https() {
    return tlsCertFile.isPresent();
  }
}
