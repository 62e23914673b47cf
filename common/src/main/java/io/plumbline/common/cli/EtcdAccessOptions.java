package io.plumbline.common.cli;

import io.plumbline.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The picocli mixin every command that talks to an etcd-API target shares ({@code conformance}, {@code chaos},
 * {@code bench}): etcdctl's {@code --cacert/--cert/--key} and {@code --user/--password}, with one meaning and
 * one set of checks. {@link #access()} turns them into an {@link EtcdAccess} or a {@link UserError} naming the
 * flag (and the file) that is wrong.
 */
public final class EtcdAccessOptions {
  @Option(names = "--cacert", paramLabel = "FILE", description = "CA bundle (PEM) to trust for the target's TLS port")
  Path cacert;

  @Option(names = "--cert", paramLabel = "FILE", description = "client certificate (PEM); needs --key")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "client private key (PEM, PKCS#8); needs --cert")
  Path key;

  @Option(names = "--user", paramLabel = "USER[:PASSWORD]", description = "authenticate as this etcd user "
      + "(etcdctl's form)")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", description = "the --user's password (instead of USER:PASSWORD)")
  String password;

  /** Options set from code (tests, commands that build their arguments). */
  public static EtcdAccessOptions of(Path cacert, Path cert, Path key, String user, String password) {
    EtcdAccessOptions o = new EtcdAccessOptions();
    o.cacert = cacert;
    o.cert = cert;
    o.key = key;
    o.user = user;
    o.password = password;
    return o;
  }

  /** The checked options: files readable, {@code --cert} with {@code --key}, a user with a password. */
  public EtcdAccess access() {
    if (cert != null && key == null) {
      throw new UserError("--cert needs --key");
    }
    if (key != null && cert == null) {
      throw new UserError("--key needs --cert");
    }
    readable("--cacert", cacert);
    readable("--cert", cert);
    readable("--key", key);
    if (user == null) {
      if (password != null) {
        throw new UserError("--password needs --user");
      }
      return new EtcdAccess(cacert, cert, key, null, null);
    }
    int colon = user.indexOf(':');
    String name = colon < 0 ? user : user.substring(0, colon);
    String pw = colon < 0 ? password : user.substring(colon + 1);
    if (colon >= 0 && password != null) {
      throw new UserError("--user: the password is given twice (USER:PASSWORD and --password)");
    }
    if (name.isEmpty() || pw == null) {
      throw new UserError("--user: expected USER:PASSWORD, or USER with --password");
    }
    return new EtcdAccess(cacert, cert, key, name, pw);
  }

  private static void readable(String flag, Path file) {
    if (file == null) {
      return;
    }
    if (!Files.exists(file)) {
      throw new UserError(flag + ": " + file + " does not exist");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UserError(flag + ": cannot read " + file);
    }
  }
}
