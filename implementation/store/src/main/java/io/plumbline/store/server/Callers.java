package io.plumbline.store.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who calls: the simple token in the {@code token} metadata (etcd's and jetcd's key) and, with
 * {@code --client-cert-auth}, the CN of the verified client certificate (etcd's AuthInfoFromTLS). Both go into
 * the gRPC {@link Context} of the call; {@link AuthGate} decides what they mean.
 */
final class Callers implements ServerInterceptor {
  static final Context.Key<String> TOKEN = Context.key("plumbline-token");
  static final Context.Key<String> CERT_USER = Context.key("plumbline-cert-user");
  private static final Metadata.Key<String> TOKEN_HEADER = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);
  private final boolean clientCertAuth;

  Callers(boolean clientCertAuth) {
    this.clientCertAuth = clientCertAuth;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String cn = clientCertAuth ? commonName(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION)) : null;
    Context ctx = Context.current().withValues(TOKEN, headers.get(TOKEN_HEADER), CERT_USER, cn);
    return Contexts.interceptCall(ctx, call, headers, next);
  }

  private static String commonName(SSLSession session) {
    if (session == null) {
      return null;
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
        return null;
      }
      for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        if ("CN".equalsIgnoreCase(rdn.getType())) {
          return String.valueOf(rdn.getValue());
        }
      }
      return null;
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return null;
    }
  }
}
