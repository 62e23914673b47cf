package io.plumbline.raft;

import java.util.List;

/**
 * Everything the core wants done, handed out by {@link RaftCore#ready()} and acknowledged by
 * {@link RaftCore#advance(Ready)}. Immutable. Readys are handled one at a time: the next one is
 * taken only after {@code advance} of the previous one, so every earlier Ready is fully persisted
 * when a new one is handled.
 *
 * <p><b>Contract</b> (the caller must do these, then call {@code advance}):
 *
 * <ol>
 *   <li><b>Persist</b> {@link #snapshot()} (when not null), {@link #entries()} (which replace any
 *       stored entries from the first one's index on) and {@link #hardState()} (when not null).
 *       When {@link #mustSync()} is true these writes must be durable (fsync) before
 *       {@code advance}: a term, a vote or a log entry that was acknowledged must survive a crash.
 *   <li><b>Send</b> {@link #messages()} after step 1, with one exception (etcd's rule, Raft thesis
 *       §10.2.1): when {@link #maySendBeforePersist(HardState)} holds, the messages may be sent
 *       before or while step 1 runs. That is the case when the Ready carries no snapshot, does not
 *       change the durable term or vote, and holds only a leader's replication messages
 *       (AppendEntries, heartbeats, snapshots). Such messages vouch for nothing this Ready
 *       persists: they depend on the term (already durable) and on entries of earlier Readys
 *       (already durable, see above), and the commit index they carry never covers an entry of
 *       this Ready in a cluster of two or more, because a follower can acknowledge an entry only
 *       after it was sent, i.e. in a later Ready. Votes, vote responses and append/heartbeat
 *       responses always wait for step 1: they promise durability.
 *   <li><b>Apply</b> {@link #committedEntries()} to the state machine in order, exactly once
 *       each; then serve the {@link #readStates()} once the applied index reaches their index.
 *       Committed entries already durable before this Ready (index below the first of
 *       {@link #entries()} and within stable storage) may be applied before step 1; the others
 *       (e.g. in a single-member cluster the leader commits its own new entries at once) only
 *       after it.
 * </ol>
 *
 * @param softState leader and role when they changed since the last Ready, else null
 * @param hardState term, vote and commit when they changed since the last Ready, else null
 * @param entries entries to append to stable storage (not yet persisted)
 * @param snapshot a snapshot to install in stable storage, or null
 * @param committedEntries committed entries not yet handed out for applying
 * @param messages messages to send (after step 1 unless {@link #maySendBeforePersist})
 * @param readStates ReadIndex reads a quorum confirmed
 * @param mustSync whether step 1 needs an fsync
 */
public record Ready(
    SoftState softState,
    HardState hardState,
    List<Entry> entries,
    Snapshot snapshot,
    List<Entry> committedEntries,
    List<Message> messages,
    List<ReadState> readStates,
    boolean mustSync) {

  public Ready {
    entries = List.copyOf(entries);
    committedEntries = List.copyOf(committedEntries);
    messages = List.copyOf(messages);
    readStates = List.copyOf(readStates);
  }

  /** Whether there is nothing to do. */
  public boolean isEmpty() {
    return softState == null && hardState == null && entries.isEmpty() && snapshot == null
        && committedEntries.isEmpty() && messages.isEmpty() && readStates.isEmpty();
  }

  /**
   * Whether {@link #messages()} may be sent before this Ready is persisted (see the contract):
   * no snapshot, term and vote unchanged from {@code persisted} (the last durable hard state),
   * and only leader replication messages.
   */
  public boolean maySendBeforePersist(HardState persisted) {
    if (snapshot != null || messages.isEmpty()) {
      return false;
    }
    if (hardState != null && hardState.needsSyncSince(persisted)) {
      return false;
    }
    for (Message m : messages) {
      if (!m.type().isLeaderReplication()) {
        return false;
      }
    }
    return true;
  }
}
