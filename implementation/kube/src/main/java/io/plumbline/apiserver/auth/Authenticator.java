package io.plumbline.apiserver.auth;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Who sent a request, decided as kube-apiserver's authenticator union decides: a client
 * certificate that verifies against the client CA, else a bearer token from the token file. A
 * credential that is present but wrong is refused even when anonymous requests are allowed (a
 * bogus token is never downgraded to anonymous). A request with no credential is the anonymous
 * user only when {@code anonymousAllowed}.
 */
public final class Authenticator {
  /** The outcome: a user, or why the request is unauthenticated (the 401's message). */
  public sealed interface Result {
    record Authenticated(UserInfo user) implements Result {}

    record Refused(String reason) implements Result {}
  }

  private final Optional<ClientCertificates> clientCa;
  private final Optional<TokenFile> tokens;
  private final boolean anonymousAllowed;

  public Authenticator(Optional<ClientCertificates> clientCa, Optional<TokenFile> tokens,
      boolean anonymousAllowed) {
    this.clientCa = clientCa;
    this.tokens = tokens;
    this.anonymousAllowed = anonymousAllowed;
  }

  /**
   * {@code authorization} is the request's Authorization header (may be null); {@code chain} the
   * certificates the client presented over TLS (null or empty over plain HTTP).
   */
  public Result authenticate(String authorization, X509Certificate[] chain) {
    if (chain != null && chain.length > 0) {
      if (clientCa.isEmpty()) {
        return refused(authorization, "client certificates are not accepted (no --client-ca-file)");
      }
      try {
        return new Result.Authenticated(clientCa.get().user(chain).orElseThrow().authenticated());
      } catch (ClientCertificates.Rejected e) {
        return new Result.Refused(e.getMessage());
      }
    }
    if (authorization != null && !authorization.isBlank()) {
      return token(authorization);
    }
    return anonymousAllowed ? new Result.Authenticated(UserInfo.ANONYMOUS)
        : new Result.Refused("no credentials: anonymous requests are not allowed "
            + "(send a client certificate or a bearer token)");
  }

  /** A certificate that did not name a usable CA still lets a valid token through. */
  private Result refused(String authorization, String why) {
    if (authorization != null && !authorization.isBlank()) {
      return token(authorization);
    }
    return new Result.Refused(why);
  }

  private Result token(String authorization) {
    String[] parts = authorization.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
      return new Result.Refused("unsupported Authorization header (want \"Bearer <token>\")");
    }
    Optional<UserInfo> user = tokens.flatMap(t -> t.user(parts[1].strip()));
    return user.<Result>map(u -> new Result.Authenticated(u.authenticated()))
        .orElseGet(() -> new Result.Refused("invalid bearer token"));
  }
}
