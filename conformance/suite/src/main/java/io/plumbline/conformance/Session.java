package io.plumbline.conformance;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What every check works with: jetcd clients (one over all endpoints, one per endpoint) with an
 * explicit deadline on every unary call, the run's unique key prefix (so checks are robust against
 * a shared, non-empty store), a seeded random source and the options.
 */
public final class Session implements AutoCloseable {
  private final SuiteOptions options;
  private final String prefix;
  private final Random random;
  private final Client client;
  private final Map<String, Client> perEndpoint = new LinkedHashMap<>();
  private final List<TokenLogin> logins = new java.util.concurrent.CopyOnWriteArrayList<>();

  public Session(SuiteOptions options, String runId) {
    this.options = options;
    this.prefix = "/plumbline-conformance/" + runId + "/";
    this.random = new Random(options.seed());
    this.client = newClient(options.endpoints());
  }

  public SuiteOptions options() {
    return options;
  }

  /** The run's key prefix, e.g. {@code /plumbline-conformance/20261125-191500-42/}. */
  public String prefix() {
    return prefix;
  }

  public Random random() {
    return random;
  }

  /** The client over all endpoints. */
  public Client client() {
    return client;
  }

  public KV kv() {
    return client.getKVClient();
  }

  /** A client talking to {@code endpoint} only (for per-member reads). */
  public synchronized Client clientFor(String endpoint) {
    return perEndpoint.computeIfAbsent(endpoint, e -> newClient(List.of(e)));
  }

  /** A new client over all endpoints, owned by the caller (e.g. one per concurrent worker). */
  public Client newClient() {
    return newClient(options.endpoints());
  }

  /** A key under the run's prefix: {@code key("kv/a")} is {@code <prefix>kv/a}. */
  public ByteSequence key(String suffix) {
    return bytes(prefix + suffix);
  }

  /** A key as shown in evidence: the run prefix becomes {@code ~/}. */
  public String show(ByteSequence key) {
    return show(text(key));
  }

  /** {@link #show(ByteSequence)} for a key as text. */
  public String show(String key) {
    return key != null && key.startsWith(prefix) ? "~/" + key.substring(prefix.length()) : key;
  }

  public static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  public static String text(ByteSequence b) {
    return b == null ? null : b.toString(StandardCharsets.UTF_8);
  }

  /**
   * Waits for {@code call} (a second longer than the gRPC deadline, as a backstop) and turns any
   * error into a classified {@link CallError} naming {@code what}.
   */
  public <T> T await(String what, CompletableFuture<T> call) throws CallError {
    try {
      return call.get(options.callTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallError(what, ErrorTable.classify(e), e);
    } catch (ExecutionException | TimeoutException e) {
      call.cancel(true);
      throw new CallError(what, ErrorTable.classify(e), e);
    }
  }

  /** The current store revision (from a linearizable read's header). */
  public long currentRevision() throws CallError {
    return await("get " + prefix + " (revision)", kv().get(key(""))).getHeader().getRevision();
  }

  /**
   * The revision {@code endpoint}'s member has applied, from a linearizable read there: a check that
   * compares with what one member did (a snapshot it saved) must ask that member, since another
   * member of a cluster may be ahead of it.
   */
  public long currentRevisionAt(String endpoint) throws CallError {
    return await("get " + prefix + " (revision) at " + endpoint,
        clientFor(endpoint).getKVClient().get(key(""))).getHeader().getRevision();
  }

  private Client newClient(List<String> endpoints) {
    ClientBuilder b = Client.builder()
        .endpoints(endpoints.toArray(String[]::new))
        .connectTimeout(options.callTimeout());
    if (options.login() != null) { // one call: jetcd's interceptor(...) replaces the list it had
      TokenLogin login = new TokenLogin(options);
      logins.add(login);
      b.interceptor(new UnaryDeadline(options.callTimeout()), login);
    } else {
      b.interceptor(new UnaryDeadline(options.callTimeout()));
    }
    SuiteOptions.Tls tls = options.tls();
    if (tls != null) {
      try {
        b.sslContext(ssl -> {
          if (tls.caCert() != null) {
            ssl.trustManager(file(tls.caCert()));
          }
          if (tls.cert() != null) {
            ssl.keyManager(file(tls.cert()), file(tls.key()));
          }
        });
      } catch (javax.net.ssl.SSLException e) {
        throw new io.plumbline.common.UserError("--cacert/--cert/--key: " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  private static File file(Path p) {
    return p.toFile();
  }

  @Override
  public void close() {
    List<Client> all = new ArrayList<>(perEndpoint.values());
    all.add(client);
    all.forEach(Client::close);
    logins.forEach(TokenLogin::close);
  }

  /**
   * jetcd sets no deadline by default, so a call to a paused member hangs forever. Every unary call
   * gets the run's deadline; streams (watch, keep-alive) are left alone.
   */
  static final class UnaryDeadline implements ClientInterceptor {
    private final Duration timeout;

    UnaryDeadline(Duration timeout) {
      this.timeout = timeout;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      CallOptions o = method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null
          ? options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          : options;
      return next.newCall(method, o);
    }
  }
}
