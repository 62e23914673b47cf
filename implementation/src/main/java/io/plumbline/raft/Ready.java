package io.plumbline.raft;

import java.util.List;

/**
 * Everything the core wants done, handed out by {@link RaftCore#ready()} and acknowledged by
 * {@link RaftCore#advance(Ready)}. Immutable.
 *
 * <p><b>Contract</b> (the caller must do these in this order, then call {@code advance}):
 *
 * <ol>
 *   <li><b>Persist</b> {@link #snapshot()} (when not null), {@link #entries()} (which replace any
 *       stored entries from the first one's index on) and {@link #hardState()} (when not null).
 *       When {@link #mustSync()} is true these writes must be durable (fsync) before step 2: a
 *       term, a vote or a log entry that was acknowledged must survive a crash.
 *   <li><b>Send</b> {@link #messages()} only after step 1: a vote or an append acknowledgement
 *       sent before it is durable could be forgotten by a crash and given again.
 *   <li><b>Apply</b> {@link #committedEntries()} to the state machine in order, exactly once
 *       each; then serve the {@link #readStates()} once the applied index reaches their index.
 * </ol>
 *
 * @param softState leader and role when they changed since the last Ready, else null
 * @param hardState term, vote and commit when they changed since the last Ready, else null
 * @param entries entries to append to stable storage (not yet persisted)
 * @param snapshot a snapshot to install in stable storage, or null
 * @param committedEntries committed entries not yet handed out for applying
 * @param messages messages to send once step 1 is done
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
}
