package io.plumbline.conformance;

import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;

/**
 * etcd's {@code --user}: authenticates once (a raw Authenticate call on the first endpoint) and attaches the
 * simple token to every call as etcd's {@code token} metadata; when the server answers "invalid auth token"
 * the token is dropped and the next call authenticates again. Our own interceptor rather than jetcd's
 * {@code ClientBuilder.user()}, whose token did not reach etcd 3.4 over plaintext in this setup (its
 * requests arrived without one: "user name is empty"). {@code bench} and {@code chaos} do use jetcd's
 * {@code user()} (the store module's {@code EtcdClientAccess}) and it works there against etcd 3.4 with auth on,
 * plaintext and TLS; the suite cannot share that class (it does not depend on the store module), and why jetcd's
 * login failed in this suite's setup is not known.
 */
final class TokenLogin implements ClientInterceptor, AutoCloseable {
  private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);
  private final SuiteOptions.Login login;
  private final RawChannel raw;
  private final long timeoutMs;
  private volatile String token;

  TokenLogin(SuiteOptions options) {
    this.login = options.login();
    this.raw = new RawChannel(options.endpoints().get(0), options.tls());
    this.timeoutMs = options.callTimeout().toMillis();
  }

  private String token() {
    String t = token;
    if (t == null) {
      t = AuthGrpc.newBlockingStub(raw.channel()).withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
          .authenticate(AuthenticateRequest.newBuilder().setName(login.user()).setPassword(login.password()).build())
          .getToken();
      token = t;
    }
    return t;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(TOKEN, token());
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            if (status.getCode() == Status.Code.UNAUTHENTICATED) {
              token = null; // expired or invalidated: authenticate again on the next call
            }
            super.onClose(status, trailers);
          }
        }, headers);
      }
    };
  }

  @Override
  public void close() {
    raw.close();
  }
}
