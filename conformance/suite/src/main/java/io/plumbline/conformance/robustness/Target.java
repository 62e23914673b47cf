package io.plumbline.conformance.robustness;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.SuiteOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One etcd-API implementation under fuzzing: a raw gRPC channel per member. Every call has a
 * deadline; a stream is held open for a fixed window, then cancelled, and what arrived by then is
 * its answer. Requests go to the first member unless told otherwise, so two targets see the same
 * sequence.
 */
public final class Target implements AutoCloseable {
  private final String name;
  private final List<String> endpoints;
  private final List<RawChannel> channels = new ArrayList<>();
  private final Duration callTimeout;
  private final Duration streamWindow;

  /**
   * @param name how reports call it (e.g. "target", "etcd")
   * @param endpoints its members' client URLs
   * @param tls TLS files, or null
   * @param callTimeout deadline of each unary call
   * @param streamWindow how long a stream is listened to
   */
  public Target(String name, List<String> endpoints, SuiteOptions.Tls tls, Duration callTimeout, Duration streamWindow) {
    this.name = name;
    this.endpoints = List.copyOf(endpoints);
    this.callTimeout = callTimeout;
    this.streamWindow = streamWindow;
    for (String e : endpoints) {
      channels.add(new RawChannel(e, tls));
    }
  }

  public String name() {
    return name;
  }

  public List<String> endpoints() {
    return endpoints;
  }

  public Duration callTimeout() {
    return callTimeout;
  }

  /** Sends {@code r} to the first member. */
  public Outcome send(FuzzRequest r) {
    return send(0, r);
  }

  /** Sends {@code r} to member {@code member} and waits for its answer (or the deadline). */
  public Outcome send(int member, FuzzRequest r) {
    long t0 = System.nanoTime();
    var method = Methods.raw(r.method());
    boolean stream = Methods.spec(r.method()).streaming();
    Duration deadline = stream ? streamWindow : callTimeout;
    ClientCall<byte[], byte[]> call = channels.get(member).channel().newCall(method,
        CallOptions.DEFAULT.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
    Collector c = new Collector(r.method());
    call.start(c, new Metadata());
    call.request(Integer.MAX_VALUE);
    try {
      for (var m : r.messages()) {
        call.sendMessage(m.toByteArray());
      }
      call.halfClose();
    } catch (RuntimeException e) {
      call.cancel("send failed", e);
    }
    Status s;
    try {
      s = c.done.get(deadline.toMillis() + 2000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel("interrupted", e);
      s = Status.CANCELLED;
    } catch (ExecutionException | TimeoutException e) {
      call.cancel("no answer", null);
      s = Status.DEADLINE_EXCEEDED.withDescription("no answer within " + (deadline.toMillis() + 2000) + " ms");
    }
    if (stream && s.getCode() == Status.Code.DEADLINE_EXCEEDED && !c.responses().isEmpty()) {
      s = Status.OK; // a stream that answered and was still open when its window closed
    }
    if (stream && s.getCode() == Status.Code.DEADLINE_EXCEEDED && quietIsFine(r)) {
      s = Status.OK;
    }
    return new Outcome(s.getCode(), s.getDescription(), c.responses(), (System.nanoTime() - t0) / 1_000_000);
  }

  /** A keep-alive or progress request may legitimately get no answer; silence there is not a hang. */
  private static boolean quietIsFine(FuzzRequest r) {
    return r.method().equals(Methods.WATCH) || r.method().equals(Methods.LEASE_KEEPALIVE);
  }

  /** A unary call whose answer is parsed, for the liveness probe. */
  public <T> T call(int member, io.grpc.MethodDescriptor<?, T> method, com.google.protobuf.MessageLite req) {
    @SuppressWarnings("unchecked")
    var m = (io.grpc.MethodDescriptor<Object, T>) method;
    return ClientCalls.blockingUnaryCall(channels.get(member).channel(), m,
        CallOptions.DEFAULT.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS), req);
  }

  public int size() {
    return channels.size();
  }

  @Override
  public void close() {
    channels.forEach(RawChannel::close);
  }

  /** Collects responses (normalised as they come) and the final status. */
  private static final class Collector extends ClientCall.Listener<byte[]> {
    final CompletableFuture<Status> done = new CompletableFuture<>();
    private final String method;
    private final List<String> responses = new ArrayList<>();

    Collector(String method) {
      this.method = method;
    }

    @Override
    public synchronized void onMessage(byte[] message) {
      if (responses.size() < 20) { // a stream may keep talking; the first answers are what we compare
        responses.add(Normalizer.normalize(method, message));
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      done.complete(status);
    }

    synchronized List<String> responses() {
      return new ArrayList<>(responses);
    }
  }

  /** Unwraps a blocking call's error into its status code. */
  static Status.Code code(Throwable t) {
    return t instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
  }
}
