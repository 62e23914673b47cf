package io.plumbline.apiserver.http;

import io.javalin.config.JavalinConfig;
import io.plumbline.common.tls.Credentials;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The API server's HTTPS listener: Jetty with the server certificate, asking clients for a
 * certificate but not requiring one (a token or the anonymous user may follow). The TLS layer
 * lets any client certificate through and names {@code clientCas} as acceptable issuers; the
 * authenticator verifies the chain ({@code ClientCertificates}) so a bad certificate is a 401
 * with its reason, as kube-apiserver answers, rather than a failed handshake. The client still
 * proves it holds the certificate's key in the handshake.
 */
public final class ServerTls {
  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private final SSLContext context;
  private ServerConnector connector;
  private String host;
  private int port;

  public ServerTls(Credentials server, List<X509Certificate> clientCas) {
    this.context = context(server, clientCas.toArray(X509Certificate[]::new));
  }

  /** Where {@link #install}'s listener binds; set before Javalin starts (it creates it then). */
  void bindTo(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Replaces Javalin's plain listener with the HTTPS one (on {@link #bindTo}'s address). */
  void install(JavalinConfig config) {
    config.jetty.addConnector((server, httpConfig) -> {
      httpConfig.addCustomizer(new SecureRequestCustomizer(false)); // client certs onto requests
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setSslContext(context);
      ssl.setWantClientAuth(true);
      connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(httpConfig));
      connector.setHost(host);
      connector.setPort(port);
      return connector;
    });
  }

  int port() {
    return connector.getLocalPort();
  }

  private static SSLContext context(Credentials server, X509Certificate[] clientCas) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("server", server.key(), IN_MEMORY, new Certificate[] {server.certificate()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, IN_MEMORY);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), new TrustManager[] {new DeferredClientTrust(clientCas)},
          null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the API server's TLS context", e);
    }
  }

  /** Accepts any client chain at the handshake; the authenticator verifies it per request. */
  private static final class DeferredClientTrust extends X509ExtendedTrustManager {
    private final X509Certificate[] issuers;

    DeferredClientTrust(X509Certificate[] issuers) {
      this.issuers = issuers.clone();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("the API server is not a TLS client");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return issuers.clone();
    }
  }
}
