package io.plumbline.store.server;

import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import io.plumbline.store.node.StoreNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's Watch stream: creates, cancels and progress requests; responses serialized.
 *
 * <p>Back-pressure, as etcd does it: responses go through a send queue bounded at
 * {@link #MAX_PENDING} (etcd's {@code chanBufLen}) that drains only while gRPC's transport is
 * ready (the client reads). A watcher with events for a full queue becomes lagging and stops
 * queueing; when the queue drains it catches up from the store's retained history (compaction
 * bounds that history), or is canceled with {@code compact_revision} when its next revision was
 * compacted meanwhile. So a slow watcher costs the server at most {@link #MAX_PENDING} responses
 * plus gRPC's own send window, never a buffer that grows with the write rate.
 */
final class WatchStream implements StreamObserver<WatchRequest> {
  /** etcd answers a progress request with watch id -1 (clientv3.InvalidWatchID). */
  private static final long PROGRESS_WATCH_ID = -1;
  private final StoreNode node;
  private final WatchHub hub;
  static final int MAX_PENDING = 128;
  private final StreamObserver<WatchResponse> out;
  private final ServerCallStreamObserver<WatchResponse> flow;
  private final ArrayDeque<WatchResponse> pending = new ArrayDeque<>();
  private final Set<Watcher> lagging = ConcurrentHashMap.newKeySet();
  private final Object resumeLock = new Object();
  private int pendingHighWater;
  private final Map<Long, Watcher> mine = new ConcurrentHashMap<>();
  /** Watch ids in use on this stream (a watcher's id is taken before the watcher exists). */
  private final Set<Long> taken = ConcurrentHashMap.newKeySet();
  /**
   * Ids of watchers canceled as compacted: still taken, as in etcd 3.4 (its watchStream keeps a compacted
   * watcher until the client cancels it or the stream ends), and a cancel of one is answered.
   */
  private final Set<Long> compactedIds = ConcurrentHashMap.newKeySet();
  private long nextId;
  private final Object chain = new Object();
  private CompletableFuture<Void> ordered = CompletableFuture.completedFuture(null);
  private boolean closed;

  /** The auth refusal of a create (null: permitted); see WatchService. */
  private final java.util.function.Function<WatchCreateRequest, String> authRefusal;

  WatchStream(StoreNode node, WatchHub hub, StreamObserver<WatchResponse> out) {
    this(node, hub, out, c -> null);
  }

  WatchStream(StoreNode node, WatchHub hub, StreamObserver<WatchResponse> out,
      java.util.function.Function<WatchCreateRequest, String> authRefusal) {
    this.authRefusal = authRefusal;
    this.node = node;
    this.hub = hub;
    this.out = out;
    this.flow = out instanceof ServerCallStreamObserver<WatchResponse> s ? s : null;
    if (flow != null) {
      flow.setOnReadyHandler(this::onReady);
    }
  }

  @Override
  public void onNext(WatchRequest r) {
    switch (r.getRequestUnionCase()) {
      case CREATE_REQUEST -> inOrder(r.getCreateRequest().getStartRevision() > 0, () -> create(r.getCreateRequest()));
      case CANCEL_REQUEST -> inOrder(false, () -> cancel(r.getCancelRequest().getWatchId()));
      case PROGRESS_REQUEST -> inOrder(false, () -> node.read(m -> {
        if (!lagging.isEmpty()) {
          return null; // as etcd: a progress response promises every watcher is synced
        }
        send(WatchResponse.newBuilder().setHeader(node.header(m.currentRevision())).setWatchId(PROGRESS_WATCH_ID).build());
        return null;
      }));
      default -> { }
    }
  }

  /**
   * Handles this stream's requests one after another. A watch from a past revision first waits for a
   * ReadIndex round (a failed one is ignored: the watch then starts from what this member has), so it
   * sees every write and compaction acknowledged before it was created, even on a member that has
   * not applied them yet (a forwarded write is acknowledged once the leader applied it).
   */
  private void inOrder(boolean afterReadIndex, Runnable request) {
    // Its own lock, not this stream's monitor: a request may run right here and take the store's read
    // lock, while the apply path holds the write lock and then wants this stream's monitor to send.
    synchronized (chain) {
      CompletableFuture<Void> before = afterReadIndex
          ? ordered.thenCompose(x -> node.readBarrier().handle((ok, err) -> null)) : ordered;
      ordered = before.thenRun(request).exceptionally(e -> {
        fail(e);
        return null;
      });
    }
  }

  /** An unexpected error while handling a request ends the stream with INTERNAL (the chain stays usable). */
  private synchronized void fail(Throwable e) {
    if (!closed) {
      end();
      out.onError(io.grpc.Status.INTERNAL.withDescription(String.valueOf(e)).asRuntimeException());
    }
  }

  private void create(WatchCreateRequest c) {
    node.read(m -> {
      long start = c.getStartRevision();
      String refusal = WatchCreates.refusal(c);
      if (refusal == null) {
        refusal = authRefusal.apply(c);
      }
      long id;
      synchronized (this) {
        id = refusal == null ? WatchCreates.requestedId(c) : -1;
        if (refusal == null && id != WatchCreates.AUTO_ID && taken.contains(id)) {
          refusal = WatchCreates.DUPLICATE_ID;
          id = -1;
        } else if (refusal == null && id == WatchCreates.AUTO_ID) {
          while (taken.contains(nextId)) {
            nextId++;
          }
          id = nextId++;
        }
        if (refusal == null) {
          taken.add(id); // taken now: a second create with this id is a duplicate
        }
      }
      WatchResponse.Builder created = WatchResponse.newBuilder().setHeader(node.header(m.currentRevision()))
          .setWatchId(id).setCreated(true);
      if (refusal != null) { // as etcd: one response, created and canceled, with the reason
        send(created.setCanceled(true).setCancelReason(refusal).build());
        return null;
      }
      send(created.build());
      // a start in compacted history is canceled; a negative start counts as below any compaction (etcd 3.4)
      if ((start > 0 || (start < 0 && m.compactRevision() > 0)) && start < m.compactRevision()) {
        compactedIds.add(id); // the id stays taken
        send(WatchResponse.newBuilder().setHeader(node.header(m.currentRevision())).setWatchId(id)
            .setCanceled(true).setCompactRevision(m.compactRevision()).build());
        return null;
      }
      // a negative start on a never-compacted store: from now on (etcd 3.4 does so too, except that a write landing
      // before its first 100 ms watcher sync is missed)
      Watcher w = new Watcher(id, this, c, start > 0 ? start : m.currentRevision() + 1, node.config().faults());
      mine.put(id, w);
      hub.register(w, m, start);
      synchronized (this) {
        if (closed) { // the client went away while this create waited for its ReadIndex
          hub.remove(w);
        }
      }
      return null;
    });
  }

  /**
   * Cancels a watch of this stream, a compacted one too (frees its id); an id the stream does not have gets no
   * answer, as etcd's recvLoop.
   */
  private void cancel(long id) {
    Watcher w = mine.remove(id);
    if (w == null && !compactedIds.remove(id)) {
      return;
    }
    taken.remove(id);
    if (w != null) {
      hub.remove(w);
      lagging.remove(w);
    }
    send(WatchResponse.newBuilder().setHeader(node.header(node.read(m -> m.currentRevision())))
        .setWatchId(id).setCanceled(true).build());
  }

  void events(long watchId, List<Event> events, long revision) {
    send(WatchResponse.newBuilder().setHeader(node.header(revision)).setWatchId(watchId)
        .addAllEvents(events).build());
  }

  void progress(long watchId, long revision) {
    send(WatchResponse.newBuilder().setHeader(node.header(revision)).setWatchId(watchId).build());
  }

  /** Whether the send queue is full: a watcher must not add events now. */
  synchronized boolean congested() {
    return pending.size() >= MAX_PENDING;
  }

  /** Most responses ever queued at once (for tests and diagnosis). */
  synchronized int pendingHighWater() {
    return pendingHighWater;
  }

  int laggingWatchers() {
    return lagging.size();
  }

  /**
   * Called under the store's write lock. If the queue drained between the watcher's check and
   * now, no onReady will come: resume from another thread (it needs the read lock).
   */
  void lagging(Watcher w) {
    lagging.add(w);
    if (!congested()) {
      CompletableFuture.runAsync(this::onReady);
    }
  }

  /** A lagging watcher's next revision was compacted: canceled as etcd does. */
  void compacted(Watcher w, long compactRevision) {
    mine.remove(w.id);
    compactedIds.add(w.id); // the id stays taken
    hub.remove(w);
    send(WatchResponse.newBuilder().setHeader(node.header(compactRevision)).setWatchId(w.id)
        .setCanceled(true).setCompactRevision(compactRevision).build());
  }

  /** gRPC says the client reads again: drain, then let lagging watchers catch up while there is room. */
  private void onReady() {
    drain();
    synchronized (resumeLock) { // one catch-up at a time; lock order: resumeLock, store read lock, this
      for (Watcher w : lagging) {
        if (congested()) {
          return;
        }
        if (node.read(m -> w.catchUp(m))) {
          lagging.remove(w);
        }
      }
    }
  }

  private synchronized void send(WatchResponse r) {
    if (!closed) {
      pending.add(r);
      pendingHighWater = Math.max(pendingHighWater, pending.size());
      drain();
    }
  }

  private synchronized void drain() {
    try {
      while (!closed && !pending.isEmpty() && (flow == null || flow.isReady())) {
        out.onNext(pending.poll());
      }
    } catch (RuntimeException e) {
      end();
    }
  }

  @Override
  public void onError(Throwable t) {
    end();
  }

  @Override
  public void onCompleted() {
    end();
    synchronized (this) {
      out.onCompleted();
    }
  }

  private synchronized void end() {
    closed = true;
    pending.clear();
    lagging.clear();
    for (Watcher w : mine.values()) {
      hub.remove(w);
    }
    mine.clear();
  }
}
