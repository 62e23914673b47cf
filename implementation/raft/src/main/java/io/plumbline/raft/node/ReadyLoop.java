package io.plumbline.raft.node;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Ready;
import io.plumbline.raft.SoftState;
import io.plumbline.raft.Snapshot;
import java.util.List;

/**
 * The one Ready loop (outside the pure core's package: it does the I/O the core leaves to its caller): carries out a {@link Ready} in the order its contract demands, for the store's
 * node shell, the Raft simulator, the scenario and model-based tests and the in-memory test clusters
 * ({@link MemoryReadyHandler}) alike. What differs between them (a WAL or
 * an in-memory disk, gRPC or a simulated network, an MVCC store or a chain hash) sits behind
 * {@link Handler}; the order does not.
 *
 * <p>The order, as production runs it to keep fsyncs off the write path where the contract allows:
 *
 * <ol>
 *   <li>soft state, then a snapshot from the leader (persisted and restored before anything else);
 *   <li>the messages, when {@link Ready#maySendBeforePersist} holds (a leader's replication
 *       overlaps its own fsync with its followers');
 *   <li>committed entries that were durable before this Ready (index below its first new entry
 *       and within stable storage) are applied, so their clients are answered before the fsync;
 *   <li>entries and hard state are persisted (fsync when {@link Ready#mustSync});
 *   <li>the messages, unless already sent in step 2;
 *   <li>the remaining committed entries are applied, then the read states served;
 *   <li>{@link RaftCore#advance}.
 * </ol>
 */
public final class ReadyLoop {
  private ReadyLoop() {}

  /**
   * What a node does with each part of a Ready; {@code X} is what its I/O may throw (a store's
   * {@code IOException}, which it treats as fatal; nothing for in-memory nodes).
   */
  public interface Handler<X extends Exception> {
    /** The hard state already durable (the base {@link Ready#maySendBeforePersist} compares against). */
    HardState persistedHardState();

    /** The last index in stable storage before this Ready's entries are appended. */
    long stableLastIndex();

    /** The leader or role changed. */
    default void softState(SoftState s) {}

    /** Persists a snapshot received from the leader and restores the state machine from it. */
    void installSnapshot(Snapshot s) throws X;

    /** Step 1: appends {@code entries} (may be empty) and {@code hardState} (may be null); fsync when asked. */
    void persist(List<Entry> entries, HardState hardState, boolean mustSync) throws X;

    /** Step 2: hands the messages to the transport. */
    void send(List<Message> messages);

    /** Step 3: applies committed entries in order (the list may be empty). */
    void apply(List<Entry> committed) throws X;

    /** ReadIndex reads a quorum confirmed. */
    default void readStates(List<ReadState> states) {}
  }

  /** Handles every pending Ready of {@code core}, one at a time. */
  public static <X extends Exception> void drain(RaftCore core, Handler<X> h) throws X {
    while (core.hasReady()) {
      handle(core, core.ready(), h);
    }
  }

  /** Carries out one Ready (see the class comment for the order), then advances the core. */
  public static <X extends Exception> void handle(RaftCore core, Ready rd, Handler<X> h) throws X {
    if (rd.softState() != null) {
      h.softState(rd.softState());
    }
    if (rd.snapshot() != null) {
      h.installSnapshot(rd.snapshot());
    }
    boolean sendEarly = rd.maySendBeforePersist(h.persistedHardState());
    if (sendEarly) {
      h.send(rd.messages());
    }
    List<Entry> committed = rd.committedEntries();
    int durable = durablePrefix(rd, h.stableLastIndex());
    if (durable > 0) {
      h.apply(committed.subList(0, durable));
    }
    if (!rd.entries().isEmpty() || rd.hardState() != null) {
      h.persist(rd.entries(), rd.hardState(), rd.mustSync());
    }
    if (!sendEarly && !rd.messages().isEmpty()) {
      h.send(rd.messages());
    }
    if (durable < committed.size()) {
      h.apply(committed.subList(durable, committed.size()));
    }
    if (!rd.readStates().isEmpty()) {
      h.readStates(rd.readStates());
    }
    core.advance(rd);
  }

  /** How many of the Ready's committed entries were durable before it: below its new entries and in storage. */
  static int durablePrefix(Ready rd, long stableLastIndex) {
    if (rd.snapshot() != null) {
      return 0;
    }
    long limit = stableLastIndex;
    if (!rd.entries().isEmpty()) {
      limit = Math.min(limit, rd.entries().get(0).index() - 1);
    }
    int n = 0;
    for (Entry e : rd.committedEntries()) {
      if (e.index() > limit) {
        break;
      }
      n++;
    }
    return n;
  }
}
