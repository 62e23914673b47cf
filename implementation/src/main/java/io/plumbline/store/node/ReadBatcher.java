package io.plumbline.store.node;

import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.SubmitResult;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.transport.PeerMethods;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Linearizable reads in batches: every read that arrived during one loop round shares one
 * ReadIndex round (on the leader, a heartbeat quorum; on a follower, one call to the leader), as
 * etcd's linearizable-read notifier does. Loop thread only.
 */
final class ReadBatcher {
  /** One waiting read: told the confirmed read index, or the error. */
  record Waiter(LongConsumer onIndex, Consumer<Throwable> onError) {}

  private final StoreNode node;
  private List<Waiter> queued = new ArrayList<>();
  private final Map<String, List<Waiter>> inFlight = new HashMap<>();
  private long rounds;

  ReadBatcher(StoreNode node) {
    this.node = node;
  }

  void add(LongConsumer onIndex, Consumer<Throwable> onError) {
    queued.add(new Waiter(onIndex, onError));
  }

  /** Starts one round for everything queued (a new leader not ready yet keeps them queued). */
  void flush(RaftCore core, boolean leader) {
    if (queued.isEmpty()) {
      return;
    }
    List<Waiter> batch = queued;
    if (leader) {
      String ctx = node.config().name() + "/" + (++rounds);
      SubmitResult r = core.readIndex(ctx.getBytes(StandardCharsets.UTF_8));
      if (r.status() == SubmitResult.Status.NOT_READY) {
        return;
      }
      queued = new ArrayList<>();
      if (r.accepted()) {
        inFlight.put(ctx, batch);
      } else {
        fail(batch, StoreError.TOO_MANY_REQUESTS);
      }
      return;
    }
    queued = new ArrayList<>();
    if (core.lead() == null) {
      fail(batch, StoreError.NO_LEADER);
      return;
    }
    node.peer(core.lead()).call(PeerMethods.READ_INDEX, new byte[0], node.config().requestTimeoutMs())
        .whenComplete((b, err) -> node.onLoop(() -> {
          for (Waiter w : batch) {
            if (err != null) {
              w.onError().accept(err);
            } else {
              w.onIndex().accept(ByteBuffer.wrap(b).getLong());
            }
          }
        }));
  }

  void confirmed(ReadState rs) {
    List<Waiter> batch = inFlight.remove(new String(rs.context(), StandardCharsets.UTF_8));
    if (batch != null) {
      for (Waiter w : batch) {
        w.onIndex().accept(rs.index());
      }
    }
  }

  /** Rounds of a deposed leader will never be confirmed. */
  void leaderChanged() {
    for (List<Waiter> batch : inFlight.values()) {
      fail(batch, StoreError.LEADER_CHANGED);
    }
    inFlight.clear();
  }

  private static void fail(List<Waiter> batch, StoreError e) {
    for (Waiter w : batch) {
      w.onError().accept(e.exception());
    }
  }
}
