package io.plumbline.chaos.workload;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.store.security.EtcdClientAccess;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches a prefix on one member from revision 1 over etcd's raw gRPC Watch stream and keeps every
 * event it receives, with the number of the response that carried it. When the stream ends
 * (error, completion, cancel), it resumes on a fresh channel from the last received revision + 1,
 * as etcd documents; that is the "resumable" guarantee under test.
 *
 * <p>Why not jetcd's {@code Watch}: jetcd 0.8.6 ({@code WatchImpl.WatcherImpl.handleError}) calls
 * the listener's {@code onError} and then, by itself, re-creates the watch 500 ms later from its
 * own revision; it cannot be told not to. A listener that also resumes (the only way to see and
 * count resumptions) races it: events delivered by jetcd's resumed stream arrive while ours is
 * being created from the revision it captured earlier, so the same revisions arrive twice and
 * "go back" (seen on a paused member: rev 1180 after rev 1917). Here there is one resumer, and
 * the resume revision is taken at the moment the old stream is abandoned, under the same lock
 * that drops any late response of an abandoned stream (by generation).
 */
final class Watcher implements AutoCloseable {
  private static final long RESUME_BACKOFF_MS = 250;
  private final String clientUrl;
  private final EtcdAccess access;
  private final ByteString prefix;
  private final ScheduledExecutorService resumer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "chaos-watch-resume");
    t.setDaemon(true);
    return t;
  });
  /** Guarded by {@code this}. */
  private final List<WatchEventRecord> events = new ArrayList<>();
  private final List<String> resumptions = new ArrayList<>();
  private final List<Compaction> compactions = new ArrayList<>();
  private final List<Opened> streams = new ArrayList<>();
  /** The history's clock (so a watcher's times compare with the clients'), or null when not recorded. */
  private final java.util.function.LongSupplier clock;
  private long generation;
  private long nextRevision = 1;
  private int responses;
  private ManagedChannel channel;
  private boolean closed;

  /**
   * A compacted cancel: the stream had delivered everything below {@code from}, the store says
   * revisions below {@code compactRevision} are gone; received at {@code receivedNanos} (history
   * clock, null when not recorded).
   */
  record Compaction(long from, long compactRevision, Long receivedNanos) {}

  /** A stream this watcher opened: from {@code startRevision}, at {@code openedNanos}; its events came in responses from {@code firstResponse} on. */
  record Opened(long startRevision, Long openedNanos, int firstResponse) {}

  Watcher(String clientUrl, String prefix, EtcdAccess access) {
    this(clientUrl, prefix, access, null);
  }

  /** As above, stamping its streams and compacted cancels with {@code clock} (the history recorder's). */
  Watcher(String clientUrl, String prefix, EtcdAccess access, java.util.function.LongSupplier clock) {
    this.clock = clock;
    this.clientUrl = clientUrl;
    this.access = access;
    this.prefix = ByteString.copyFromUtf8(prefix);
    resumer.execute(this::subscribe);
  }

  /** Opens a new stream from {@link #nextRevision}; responses of older streams are dropped from now on. */
  private synchronized void subscribe() {
    if (closed) {
      return;
    }
    long gen = ++generation;
    if (channel != null) {
      channel.shutdownNow();
    }
    URI u = URI.create(clientUrl);
    // A fresh channel per stream: a channel to a killed member backs off reconnecting for up to minutes.
    channel = EtcdClientAccess.dial(NettyChannelBuilder.forAddress(u.getHost(), u.getPort()), access)
        .keepAliveTime(10, TimeUnit.SECONDS).keepAliveTimeout(5, TimeUnit.SECONDS).build();
    WatchGrpc.WatchStub stub;
    try {
      stub = withToken(WatchGrpc.newStub(channel));
    } catch (RuntimeException e) {
      ended(gen, "authenticate error " + Status.fromThrowable(e).getCode());
      return;
    }
    StreamObserver<WatchRequest> requests = stub.watch(new StreamObserver<>() {
      @Override
      public void onNext(WatchResponse r) {
        received(gen, r);
      }

      @Override
      public void onError(Throwable t) {
        ended(gen, "error " + Status.fromThrowable(t).getCode());
      }

      @Override
      public void onCompleted() {
        ended(gen, "completed");
      }
    });
    streams.add(new Opened(nextRevision, now(), responses + 1));
    requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
        .setKey(prefix).setRangeEnd(prefixEnd(prefix)).setStartRevision(nextRevision)).build());
  }

  /** With {@code --user}: a fresh token (etcd's Authenticate) on this stream's metadata, as etcdctl sends it. */
  private WatchGrpc.WatchStub withToken(WatchGrpc.WatchStub stub) {
    if (!access.login()) {
      return stub;
    }
    String token = AuthGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS).authenticate(
        AuthenticateRequest.newBuilder().setName(access.user()).setPassword(access.password()).build()).getToken();
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER), token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private synchronized void received(long gen, WatchResponse r) {
    if (gen != generation || closed) {
      return;
    }
    if (r.getCanceled() && r.getCompactRevision() > 0) {
      // A compacted cancel is legitimate: the revisions before it are gone; the checker excuses
      // exactly these (and only for this watcher), then the watch resumes at the compact revision.
      compactions.add(new Compaction(nextRevision, r.getCompactRevision(), now()));
      nextRevision = Math.max(nextRevision, r.getCompactRevision());
    }
    if (r.getCanceled()) {
      ended(gen, "canceled (" + r.getCancelReason() + ", compact revision " + r.getCompactRevision() + ")");
      return;
    }
    if (r.getEventsCount() == 0) {
      return; // created, or a progress notification
    }
    int response = ++responses;
    for (Event e : r.getEventsList()) {
      String key = e.getKv().getKey().toString(StandardCharsets.UTF_8).substring(prefix.size());
      String value = e.getType() == Event.EventType.DELETE ? null : e.getKv().getValue().toString(StandardCharsets.UTF_8);
      events.add(new WatchEventRecord(e.getKv().getModRevision(), key, value, response));
      nextRevision = e.getKv().getModRevision() + 1;
    }
  }

  /** The stream {@code gen} is over: abandon it and resume after a short back-off (a member that is down refuses at once). */
  private synchronized void ended(long gen, String why) {
    if (gen != generation || closed) {
      return;
    }
    generation++; // anything the abandoned stream still delivers is dropped
    resumptions.add(why + " -> resume from " + nextRevision);
    resumer.schedule(this::subscribe, RESUME_BACKOFF_MS, TimeUnit.MILLISECONDS);
  }

  synchronized List<WatchEventRecord> events() {
    return List.copyOf(events);
  }

  /** Revision ranges {@code [from, to]} the store reported compacted to this watcher. */
  synchronized List<long[]> compacted() {
    return compactions.stream().map(c -> new long[] {c.from(), c.compactRevision() - 1}).toList();
  }

  synchronized List<Compaction> compactions() {
    return List.copyOf(compactions);
  }

  synchronized List<Opened> streams() {
    return List.copyOf(streams);
  }

  private Long now() {
    return clock == null ? null : clock.getAsLong();
  }

  synchronized List<String> resumptions() {
    return List.copyOf(resumptions);
  }

  String clientUrl() {
    return clientUrl;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (channel != null) {
        channel.shutdownNow();
      }
    }
    resumer.shutdownNow();
  }

  /** etcd's range end for a prefix: the prefix with its last byte incremented. */
  static ByteString prefixEnd(ByteString prefix) {
    byte[] end = prefix.toByteArray();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return ByteString.copyFrom(end, 0, i + 1);
      }
    }
    return ByteString.copyFrom(new byte[] {0}); // every key
  }
}
