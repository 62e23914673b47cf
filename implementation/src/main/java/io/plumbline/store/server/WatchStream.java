package io.plumbline.store.server;

import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.node.StoreNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** One client's Watch stream: creates, cancels and progress requests; responses serialized. */
final class WatchStream implements StreamObserver<WatchRequest> {
  /** etcd answers a progress request with watch id -1 (clientv3.InvalidWatchID). */
  private static final long PROGRESS_WATCH_ID = -1;
  private final StoreNode node;
  private final WatchHub hub;
  private final StreamObserver<WatchResponse> out;
  private final Map<Long, Watcher> mine = new ConcurrentHashMap<>();
  private long nextId;
  private final Object chain = new Object();
  private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
  private boolean closed;

  WatchStream(StoreNode node, WatchHub hub, StreamObserver<WatchResponse> out) {
    this.node = node;
    this.hub = hub;
    this.out = out;
  }

  @Override
  public void onNext(WatchRequest r) {
    switch (r.getRequestUnionCase()) {
      case CREATE_REQUEST -> inOrder(r.getCreateRequest().getStartRevision() > 0, () -> create(r.getCreateRequest()));
      case CANCEL_REQUEST -> inOrder(false, () -> cancel(r.getCancelRequest().getWatchId()));
      case PROGRESS_REQUEST -> inOrder(false, () -> node.read(m -> {
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
          ? pending.thenCompose(x -> node.readBarrier().handle((ok, err) -> null)) : pending;
      pending = before.thenRun(request).exceptionally(e -> {
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
      long id;
      synchronized (this) {
        id = nextId++;
      }
      long start = c.getStartRevision();
      send(WatchResponse.newBuilder().setHeader(node.header(m.currentRevision())).setWatchId(id)
          .setCreated(true).build());
      if (start > 0 && start < m.compactRevision()) {
        send(WatchResponse.newBuilder().setHeader(node.header(m.currentRevision())).setWatchId(id)
            .setCanceled(true).setCompactRevision(m.compactRevision()).build());
        return null;
      }
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

  private void cancel(long id) {
    Watcher w = mine.remove(id);
    if (w != null) {
      hub.remove(w);
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

  private synchronized void send(WatchResponse r) {
    if (!closed) {
      try {
        out.onNext(r);
      } catch (RuntimeException e) {
        end();
      }
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
    for (Watcher w : mine.values()) {
      hub.remove(w);
    }
    mine.clear();
  }
}
