package io.plumbline.conformance.auth;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Raw etcd v3 calls with an explicit simple token (or none), so a check controls exactly which credentials a
 * request carries: jetcd would re-authenticate by itself after "invalid auth token" and hide what is checked.
 */
final class AuthCalls implements AutoCloseable {
  private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);
  private final RawChannel raw;
  private final long timeoutMs;

  AuthCalls(Session s) {
    raw = new RawChannel(s.options().endpoints().get(0), s.options().tls());
    timeoutMs = s.options().callTimeout().toMillis();
  }

  /** The Auth service, as {@code token}'s user (null: no token). */
  AuthGrpc.AuthBlockingStub auth(String token) {
    return as(AuthGrpc.newBlockingStub(raw.channel()), token);
  }

  KVGrpc.KVBlockingStub kv(String token) {
    return as(KVGrpc.newBlockingStub(raw.channel()), token);
  }

  io.etcd.jetcd.api.WatchGrpc.WatchStub watch(String token) {
    io.etcd.jetcd.api.WatchGrpc.WatchStub w = io.etcd.jetcd.api.WatchGrpc.newStub(raw.channel());
    return token == null ? w : w.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header(token)));
  }

  String login(String user, String password) {
    return auth(null).authenticate(AuthenticateRequest.newBuilder().setName(user).setPassword(password).build()).getToken();
  }

  void put(String token, String key, String value) {
    kv(token).put(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build());
  }

  long count(String token, String key, String rangeEnd) {
    return kv(token).range(RangeRequest.newBuilder().setKey(bytes(key)).setRangeEnd(bytes(rangeEnd)).build()).getCount();
  }

  private <S extends AbstractStub<S>> S as(S stub, String token) {
    S s = stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS);
    return token == null ? s : s.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header(token)));
  }

  private static Metadata header(String token) {
    Metadata m = new Metadata();
    m.put(TOKEN, token);
    return m;
  }

  static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  /** What a call answered: "ok" or "CODE: description" (etcd's status and message). */
  static String outcome(Runnable call) {
    try {
      call.run();
      return "ok";
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() + ": " + e.getStatus().getDescription();
    }
  }

  @Override
  public void close() {
    raw.close();
  }
}
