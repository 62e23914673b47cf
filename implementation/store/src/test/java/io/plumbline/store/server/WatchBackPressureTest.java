package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A watcher whose client stops reading: the server queues at most {@link WatchStream#MAX_PENDING}
 * responses for it, then marks it lagging instead of buffering every new revision; once the client
 * reads again it gets every revision exactly once, in order, caught up from the store's history
 * (etcd's slow-watcher behaviour) — or, when that history was compacted meanwhile, a cancel with
 * {@code compact_revision}. A progress notification, timed or asked for, never overtakes the events of a
 * lagging watcher: one at revision R comes after every event up to R.
 */
class WatchBackPressureTest {
  private static final int WRITES = 600;
  private static final int VALUE_BYTES = 4096;
  // a small receive window, so an unread stream stops the server's transport quickly
  @RegisterExtension final OneMember member = new OneMember(b -> b.flowControlWindow(64 * 1024));
  private LocalCluster cluster;
  private Client client;
  private ManagedChannel channel;

  @BeforeEach
  void start() {
    cluster = member.cluster();
    channel = member.channel();
    client = Client.builder().endpoints(cluster.endpoints()).build();
  }

  @AfterEach
  void stop() {
    client.close();
  }

  @Test
  void aSlowWatcherIsBoundedThenCatchesUpWithEveryRevisionOnceInOrder() throws Exception {
    SlowWatch watch = new SlowWatch();
    writeAll();
    WatchHub hub = cluster.servers[0].watchHub();
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.laggingWatchers() == 1);
    assertThat(hub.maxPendingHighWater()).isLessThanOrEqualTo(WatchStream.MAX_PENDING);
    watch.readEverything();
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.events().size() >= WRITES);
    List<Event> events = watch.events();
    assertThat(events).hasSize(WRITES);
    long lastRevision = 0;
    for (int i = 0; i < WRITES; i++) {
      assertThat(events.get(i).getKv().getKey().toStringUtf8()).isEqualTo("slow/" + i);
      assertThat(events.get(i).getKv().getModRevision()).isGreaterThan(lastRevision);
      lastRevision = events.get(i).getKv().getModRevision();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.laggingWatchers() == 0);
  }

  @Test
  void aSlowWatcherWhoseHistoryWasCompactedIsCanceledWithTheCompactRevision() throws Exception {
    SlowWatch watch = new SlowWatch();
    long last = writeAll();
    WatchHub hub = cluster.servers[0].watchHub();
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.laggingWatchers() == 1);
    client.getKVClient().compact(last).get(10, TimeUnit.SECONDS);
    watch.readEverything();
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.responses.stream().anyMatch(WatchResponse::getCanceled));
    WatchResponse canceled = watch.responses.stream().filter(WatchResponse::getCanceled).findFirst().orElseThrow();
    assertThat(canceled.getCompactRevision()).isEqualTo(last);
    List<Event> delivered = watch.events();
    assertThat(delivered.size()).isLessThan(WRITES);
    for (int i = 0; i < delivered.size(); i++) {
      assertThat(delivered.get(i).getKv().getKey().toStringUtf8()).isEqualTo("slow/" + i);
    }
  }

  /**
   * etcd's watcherGroup.chooseAll cancels a lagging watcher as compacted only when its next revision is *below*
   * the compact revision: compaction at C keeps revision C, so a watcher whose next revision is C catches up
   * with every event, without a cancel.
   */
  @Test
  void aSlowWatcherWhoseNextRevisionIsTheCompactRevisionCatchesUpUncanceled() throws Exception {
    SlowWatch watch = new SlowWatch();
    writeAll();
    WatchHub hub = cluster.servers[0].watchHub();
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.laggingWatchers() == 1);
    long next = hub.laggingNextRevisions().get(0); // the client reads nothing: it stays where it is
    client.getKVClient().compact(next).get(10, TimeUnit.SECONDS);
    watch.readEverything();
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.events().size() >= WRITES
        || watch.responses.stream().anyMatch(WatchResponse::getCanceled));
    assertThat(watch.responses.stream().filter(WatchResponse::getCanceled).toList())
        .as("a watcher whose next revision %d is the compact revision is not canceled", next).isEmpty();
    assertThat(watch.events()).hasSize(WRITES);
  }

  /**
   * A canceled watcher is gone from its stream (etcd's watchStream.Cancel): a lagging one too. After the
   * cancel's response no event of it follows, and the stream answers progress requests again (it answers
   * none while a watcher lags).
   */
  @Test
  void aCanceledLaggingWatcherSendsNothingMoreAndProgressIsAnsweredAgain() throws Exception {
    SlowWatch watch = new SlowWatch();
    long last = writeAll();
    WatchHub hub = cluster.servers[0].watchHub();
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.laggingWatchers() == 1);
    watch.send(WatchRequest.newBuilder().setCancelRequest(io.etcd.jetcd.api.WatchCancelRequest.newBuilder()
        .setWatchId(0)).build());
    watch.readEverything();
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.responses.stream().anyMatch(WatchResponse::getCanceled));
    int before = watch.responses.size();
    watch.send(WatchRequest.newBuilder().setProgressRequest(io.etcd.jetcd.api.WatchProgressRequest.getDefaultInstance())
        .build());
    await("a progress request answered once the lagging watcher is canceled").atMost(Duration.ofSeconds(10))
        .until(() -> watch.responses.stream().skip(before).anyMatch(r -> r.getEventsCount() == 0 && !r.getCreated()
            && !r.getCanceled() && r.getHeader().getRevision() >= last));
    List<WatchResponse> seen = new ArrayList<>(watch.responses);
    int canceledAt = seen.indexOf(seen.stream().filter(WatchResponse::getCanceled).findFirst().orElseThrow());
    assertThat(seen.subList(canceledAt, seen.size()).stream().mapToInt(WatchResponse::getEventsCount).sum())
        .as("events after the cancel's response").isZero();
  }

  @Test
  void aProgressNotificationNeverOvertakesTheEventsOfALaggingWatcher() throws Exception {
    SlowWatch watch = new SlowWatch(true);
    long last = writeAll();
    StoreServer server = cluster.servers[0];
    WatchHub hub = server.watchHub();
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.laggingWatchers() == 1);
    server.node().read(m -> { // what the progress timer runs
      hub.progress(m.currentRevision());
      return null;
    });
    int queued = hub.maxPendingHighWater();
    watch.send(WatchRequest.newBuilder().setProgressRequest(io.etcd.jetcd.api.WatchProgressRequest.getDefaultInstance())
        .build());
    // a stream handles its requests in order: once this create is answered (queued), the progress request was handled
    watch.send(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
        .setKey(ByteString.copyFromUtf8("marker"))).build());
    await().atMost(Duration.ofSeconds(30)).until(() -> hub.maxPendingHighWater() > queued);
    watch.readEverything();
    await().atMost(Duration.ofSeconds(30)).until(() -> watch.events().size() >= WRITES);
    List<WatchResponse> seen = new ArrayList<>(watch.responses);
    for (int i = 0; i < seen.size(); i++) {
      WatchResponse r = seen.get(i);
      if (r.getEventsCount() > 0 || r.getCreated() || r.getCanceled()) {
        continue;
      }
      long at = r.getHeader().getRevision();
      for (WatchResponse later : seen.subList(i + 1, seen.size())) {
        for (Event e : later.getEventsList()) {
          assertThat(e.getKv().getModRevision())
              .as("an event after a progress notification at revision %d (response %d)", at, i)
              .isGreaterThan(at);
        }
      }
    }
    assertThat(watch.events()).hasSize(WRITES);
    await().atMost(Duration.ofSeconds(10)).until(() -> hub.laggingWatchers() == 0);
    int before = watch.responses.size();
    watch.send(WatchRequest.newBuilder().setProgressRequest(io.etcd.jetcd.api.WatchProgressRequest.getDefaultInstance())
        .build());
    await("a synced watcher's stream answers a progress request").atMost(Duration.ofSeconds(10))
        .until(() -> watch.responses.stream().skip(before).anyMatch(r -> r.getEventsCount() == 0 && !r.getCreated()
            && r.getHeader().getRevision() >= last));
  }

  /** Puts slow/0 .. slow/WRITES-1 in order; returns the last revision. */
  private long writeAll() throws Exception {
    ByteSequence value = ByteSequence.from(new byte[VALUE_BYTES]);
    long revision = 0;
    for (int i = 0; i < WRITES; i++) {
      revision = client.getKVClient().put(ByteSequence.from("slow/" + i, StandardCharsets.UTF_8), value)
          .get(10, TimeUnit.SECONDS).getHeader().getRevision();
    }
    return revision;
  }

  /** A watch on prefix slow/ whose client reads only the "created" response until told to read. */
  private final class SlowWatch {
    final ConcurrentLinkedQueue<WatchResponse> responses = new ConcurrentLinkedQueue<>();
    private final ClientCall<WatchRequest, WatchResponse> call =
        channel.newCall(WatchGrpc.getWatchMethod(), CallOptions.DEFAULT);

    SlowWatch() throws Exception {
      this(false);
    }

    SlowWatch(boolean progressNotify) throws Exception {
      CompletableFuture<Void> created = new CompletableFuture<>();
      call.start(new ClientCall.Listener<>() {
        @Override
        public void onMessage(WatchResponse m) {
          responses.add(m);
          if (m.getCreated()) {
            created.complete(null);
          }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {}
      }, new Metadata());
      call.request(1);
      call.sendMessage(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
          .setKey(ByteString.copyFromUtf8("slow/")).setRangeEnd(ByteString.copyFromUtf8("slow0"))
          .setProgressNotify(progressNotify)).build());
      created.get(10, TimeUnit.SECONDS);
    }

    void send(WatchRequest r) {
      call.sendMessage(r);
    }

    void readEverything() {
      call.request(Integer.MAX_VALUE);
    }

    List<Event> events() {
      List<Event> out = new ArrayList<>();
      responses.forEach(r -> out.addAll(r.getEventsList()));
      return out;
    }
  }
}
