package io.plumbline.common.cli;

import java.nio.file.Path;

/**
 * How a harness client reaches an etcd-API target: TLS files (etcdctl's {@code --cacert/--cert/--key}) and
 * credentials (etcdctl's {@code --user}). Produced by {@link EtcdAccessOptions}, already checked;
 * {@link #toString()} hides the password so the record can be logged.
 *
 * @param caCert CA bundle (PEM) to trust, or null for the JVM's default trust
 * @param cert client certificate (PEM), or null; set exactly when {@code key} is
 * @param key client private key (PEM, PKCS#8), or null
 * @param user etcd user name, or null for no authentication
 * @param password the user's password; set exactly when {@code user} is
 */
public record EtcdAccess(Path caCert, Path cert, Path key, String user, String password) {
  /** Plain text, no user. */
  public static final EtcdAccess NONE = new EtcdAccess(null, null, null, null, null);

  /** Whether any TLS file was given (then the client speaks TLS). */
  public boolean tls() {
    return caCert != null || cert != null;
  }

  /** Whether a user was given (then the client authenticates). */
  public boolean login() {
    return user != null;
  }

  @Override
  public String toString() {
    return "EtcdAccess[cacert=" + caCert + ", cert=" + cert + ", key=" + key + ", user=" + user
        + (password == null ? "" : ", password hidden") + "]";
  }
}
