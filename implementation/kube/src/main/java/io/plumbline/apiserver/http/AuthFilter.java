package io.plumbline.apiserver.http;

import io.javalin.http.Context;
import io.plumbline.apiserver.auth.Authenticator;
import io.plumbline.apiserver.auth.Authorizer;
import io.plumbline.apiserver.auth.Refusals;
import io.plumbline.apiserver.auth.RequestInfo;
import io.plumbline.apiserver.auth.UserInfo;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Runs before every handler: authenticates the request (401 when it cannot), then asks the
 * authorizer (403 when it says no), as kube-apiserver's filter chain does before any handler
 * or 404. The user is kept on the request for {@code SelfSubjectAccessReview}. The health probes
 * are the only paths an uncredentialed request reaches as the anonymous user when anonymous
 * requests are otherwise off (kube-apiserver's anonymous-endpoint list), so that load balancers
 * can probe; the RBAC role {@code system:public-info-viewer} still decides.
 */
final class AuthFilter {
  static final String USER_ATTRIBUTE = "plumbline.user";
  private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
  private static final Set<String> PROBES = Set.of("/healthz", "/livez", "/readyz");

  private final Authenticator authenticator;
  private final Authorizer authorizer;
  private final EscalationCheck escalation;

  AuthFilter(Authenticator authenticator, Authorizer authorizer) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.escalation = new EscalationCheck(authorizer);
  }

  void check(Context ctx) {
    String authorization = ctx.header("Authorization");
    X509Certificate[] chain = (X509Certificate[]) ctx.req().getAttribute(CERTIFICATES);
    boolean noCredentials = (chain == null || chain.length == 0)
        && (authorization == null || authorization.isBlank());
    UserInfo user;
    if (noCredentials && PROBES.contains(ctx.path())) {
      user = UserInfo.ANONYMOUS;
    } else {
      Authenticator.Result result = authenticator.authenticate(authorization, chain);
      if (result instanceof Authenticator.Result.Refused refused) {
        throw Refusals.unauthorized(refused.reason());
      }
      user = ((Authenticator.Result.Authenticated) result).user();
    }
    user = Impersonation.actingUser(user, java.util.Collections.list(ctx.req().getHeaderNames()),
        name -> java.util.Collections.list(ctx.req().getHeaders(name)), authorizer);
    ctx.attribute(USER_ATTRIBUTE, user);
    RequestInfo request = RequestInfo.of(ctx.method().name(), ctx.path(), ctx.queryParam("watch"));
    Authorizer.Decision decision = authorizer.authorize(user, request);
    if (!decision.allowed()) {
      throw Refusals.forbidden(user, request, decision.reason());
    }
    escalation.check(ctx, user, request);
  }

  static UserInfo user(Context ctx) {
    UserInfo user = ctx.attribute(USER_ATTRIBUTE);
    return user == null ? UserInfo.ANONYMOUS : user;
  }
}
