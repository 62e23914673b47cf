package io.plumbline.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.common.tls.Credentials;
import io.plumbline.common.tls.JdkTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.util.List;

/**
 * An HTTPS client of the secure API server under test: trusts {@code ca}, presents
 * {@code own} (may be null) and sends {@code token} as a bearer token (may be null).
 */
final class SecureClient {
  private final HttpClient http;
  private final String base;
  private final String token;

  SecureClient(int port, X509Certificate ca, Credentials own, String token) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
        .sslContext(context(own, ca)).build();
    this.base = "https://127.0.0.1:" + port;
    this.token = token;
  }

  Api.Answer get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  Api.Answer post(String path, JsonNode body) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
  }

  Api.Answer delete(String path) throws IOException, InterruptedException {
    return send(request(path).DELETE());
  }

  /** A DELETE carrying extra headers, name and value in turn (e.g. {@code Impersonate-User}). */
  Api.Answer delete(String path, String... headers) throws IOException, InterruptedException {
    return send(request(path).headers(headers).DELETE());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(20));
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  private Api.Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body;
    try {
      body = r.body().length == 0 ? Json.object() : Json.MAPPER.readTree(r.body());
    } catch (IOException notJson) {
      body = Json.MAPPER.getNodeFactory().textNode(new String(r.body(), StandardCharsets.UTF_8));
    }
    return new Api.Answer(r.statusCode(), body);
  }

  /**
   * Trusts {@code ca}; presents {@code own} even when the server does not name its issuer (the
   * JDK's key manager would withhold it; Go and curl send it), so the server's own check is what
   * refuses a foreign certificate.
   */
  private static SSLContext context(Credentials own, X509Certificate ca) {
    SSLContext base = JdkTls.context(own, List.of(ca));
    if (own == null) {
      return base;
    }
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", ca);
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new AlwaysPresent(own)}, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final Credentials own;

    AlwaysPresent(Credentials own) {
      this.own = own;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return "own";
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
      return "own";
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return new X509Certificate[] {own.certificate()};
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return own.key();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {"own"};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
