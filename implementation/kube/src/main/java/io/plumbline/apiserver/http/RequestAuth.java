package io.plumbline.apiserver.http;

import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.auth.Authenticator;
import io.plumbline.apiserver.auth.Authorizer;
import io.plumbline.apiserver.auth.ClientCertificates;
import io.plumbline.apiserver.auth.RbacAuthorizer;
import io.plumbline.apiserver.auth.Security;
import io.plumbline.apiserver.auth.TokenFile;
import io.plumbline.common.UserError;
import io.plumbline.common.tls.Credentials;
import io.plumbline.common.tls.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The API server's security wiring: who a request is ({@link Authenticator}), what it may do
 * ({@link Authorizer}), and the HTTPS listener when there is one.
 */
public record RequestAuth(Authenticator authenticator, Authorizer authorizer,
    Optional<ServerTls> tls) {

  /** Plain HTTP, anonymous allowed, every request authorized. */
  public static final RequestAuth OPEN = new RequestAuth(
      new Authenticator(Optional.empty(), Optional.empty(), true), Authorizer.ALWAYS_ALLOW,
      Optional.empty());

  /** Reads the files {@code security} names; a missing or malformed file is a {@link UserError}. */
  public static RequestAuth of(Security security, ObjectService objects, Clock clock) {
    Optional<List<X509Certificate>> cas = security.clientCaFile().map(f ->
        read("--client-ca-file", f, () -> Pem.readCertificates(f)));
    Optional<ClientCertificates> clientCa = cas.map(c -> new ClientCertificates(c, clock));
    Optional<TokenFile> tokens = security.tokenAuthFile().map(TokenFile::read);
    Authorizer authorizer = security.authorizationMode() == Security.Mode.RBAC
        ? new RbacAuthorizer(objects) : Authorizer.ALWAYS_ALLOW;
    Optional<ServerTls> tls = security.tlsCertFile().map(cert -> {
      Path key = security.tlsPrivateKeyFile().orElseThrow(() ->
          new UserError("--tls-cert-file needs --tls-private-key-file"));
      Credentials server = read("--tls-cert-file/--tls-private-key-file", cert,
          () -> Credentials.read(cert, key));
      return new ServerTls(server, cas.orElse(List.of()));
    });
    return new RequestAuth(new Authenticator(clientCa, tokens, security.anonymousAuth()),
        authorizer, tls);
  }

  private interface Read<T> {
    T get() throws IOException;
  }

  private static <T> T read(String flag, Path file, Read<T> read) {
    try {
      return read.get();
    } catch (IOException e) {
      throw new UserError(flag + " " + file + ": " + e.getMessage(), e);
    }
  }
}
