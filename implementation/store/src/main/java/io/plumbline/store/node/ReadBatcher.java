package io.plumbline.store.node;

import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.SubmitResult;
import io.plumbline.store.mvcc.StoreError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Linearizable reads in batches, as etcd's linearizable-read loop does: at most ONE ReadIndex
 * round is in flight per member, and every read that arrives meanwhile waits for the next round,
 * which then serves all of them. On the leader a round is one heartbeat quorum
 * ({@link RaftCore#readIndex}); reads forwarded by followers join the leader's rounds. On a
 * follower a round is one {@code FRAME_READ_INDEX} to the leader on the peer stream, answered by a
 * {@code FRAME_READ_INDEX_RESULT}; it is re-sent when unanswered after {@link #RETRY_NANOS} (etcd's
 * {@code readIndexRetryTime}) and to the new leader when the leader changes. Loop thread only.
 *
 * <p>Safety does not depend on which round serves a read: every read in a batch began before its
 * round started, so the index the round confirms is at least the commit index when the read began.
 */
final class ReadBatcher {
  /** etcd 3.4's readIndexRetryTime. */
  static final long RETRY_NANOS = 500_000_000L;

  /** One waiting read: told the confirmed read index, or the error. */
  record Waiter(LongConsumer onIndex, Consumer<Throwable> onError) {}

  /** Where a follower's read request goes (the leader's peer stream). */
  interface LeaderLink {
    /** Sends a ReadIndex request frame to {@code leader}. */
    void sendReadRequest(String leader, long readId);
  }

  private final String self;
  private final LeaderLink link;
  private List<Waiter> queued = new ArrayList<>();
  private long rounds;
  /** The round in flight (local heartbeat round or remote request), or null. */
  private List<Waiter> inFlight;
  private String inFlightContext; // leader rounds
  private long inFlightReadId; // follower rounds
  private String inFlightLeader; // follower rounds
  private long inFlightSince;

  ReadBatcher(String self, LeaderLink link) {
    this.self = self;
    this.link = link;
  }

  void add(LongConsumer onIndex, Consumer<Throwable> onError) {
    queued.add(new Waiter(onIndex, onError));
  }

  /** Whether reads wait and no round is in flight (the next {@link #flush} starts one). */
  boolean waitingForRound() {
    return inFlight == null && !queued.isEmpty();
  }

  /** Starts a round for everything queued unless one is in flight (a new leader not ready yet keeps them queued). */
  void flush(RaftCore core, boolean leader, long nowNanos) {
    if (queued.isEmpty() || inFlight != null) {
      return;
    }
    if (leader) {
      startLocalRound(core, nowNanos);
    } else if (core.lead() == null) {
      List<Waiter> batch = queued;
      queued = new ArrayList<>();
      fail(batch, StoreError.NO_LEADER);
    } else {
      inFlight = queued;
      queued = new ArrayList<>();
      inFlightReadId = ++rounds;
      inFlightLeader = core.lead();
      inFlightSince = nowNanos;
      link.sendReadRequest(inFlightLeader, inFlightReadId);
    }
  }

  private void startLocalRound(RaftCore core, long nowNanos) {
    String ctx = self + "/" + (++rounds);
    SubmitResult r = core.readIndex(ctx.getBytes(StandardCharsets.UTF_8));
    if (r.status() == SubmitResult.Status.NOT_READY) {
      return;
    }
    List<Waiter> batch = queued;
    queued = new ArrayList<>();
    if (r.accepted()) {
      inFlight = batch;
      inFlightContext = ctx;
      inFlightSince = nowNanos;
    } else {
      fail(batch, StoreError.TOO_MANY_REQUESTS);
    }
  }

  /** The leader's core confirmed a round of ours. */
  void confirmed(ReadState rs) {
    if (inFlight != null && inFlightContext != null
        && inFlightContext.equals(new String(rs.context(), StandardCharsets.UTF_8))) {
      finish(rs.index(), null);
    }
  }

  /** The leader answered a follower's round (a late answer to a re-sent round is ignored). */
  void remoteResult(PeerFrames.ReadResult r) {
    if (inFlight != null && inFlightContext == null && r.readId() == inFlightReadId) {
      finish(r.index(), r.error());
    }
  }

  /**
   * Periodic check: a follower's round unanswered for {@link #RETRY_NANOS} goes back to the head
   * of the queue and is sent again by the next flush (the frame or its answer may have been lost
   * with a broken stream).
   */
  void retryIfStale(long nowNanos) {
    if (inFlight != null && inFlightContext == null && nowNanos - inFlightSince >= RETRY_NANOS) {
      requeueInFlight();
    }
  }

  /** A deposed leader's round will never be confirmed; a follower's round is sent again to the new leader. */
  void leaderChanged() {
    if (inFlight == null) {
      return;
    }
    if (inFlightContext != null) {
      List<Waiter> batch = inFlight;
      inFlight = null;
      inFlightContext = null;
      fail(batch, StoreError.LEADER_CHANGED);
    } else {
      requeueInFlight();
    }
  }

  private void requeueInFlight() {
    List<Waiter> again = inFlight;
    inFlight = null;
    again.addAll(queued);
    queued = again;
  }

  private void finish(long index, StoreError error) {
    List<Waiter> batch = inFlight;
    inFlight = null;
    inFlightContext = null;
    if (error != null) {
      fail(batch, error);
      return;
    }
    for (Waiter w : batch) {
      w.onIndex().accept(index);
    }
  }

  private static void fail(List<Waiter> batch, StoreError e) {
    for (Waiter w : batch) {
      w.onError().accept(e.exception());
    }
  }
}
