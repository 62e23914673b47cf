package io.plumbline.raft;

import java.util.List;

/**
 * One performed spec action: its name (as in {@code EtcdRaft.tla}), the acting node, the peer
 * involved (or null), the message received or sent (or null), the ReadIndex context of a read
 * action (or null), the node's state after it, and the log entries the action wrote.
 *
 * <p>An event carries the log's length and last term, plus only the entries this action wrote
 * ({@code written}, starting at index {@code writtenFrom}; empty when it wrote none), so a trace
 * grows linearly with the run. A reader rebuilds the log: keep the first {@code writtenFrom - 1}
 * entries of the previous log (or its first {@code lastIndex} when nothing was written, e.g. a
 * restart that lost an unsynced tail), then append {@code written}.
 */
public record TraceEvent(
    String event,
    String node,
    String peer,
    Message msg,
    String read,
    NodeState state,
    long writtenFrom,
    List<Entry> written) {

  public TraceEvent {
    written = List.copyOf(written);
  }

  /**
   * The spec-visible state of a node after the action. {@code snapshotIndex} is 0 unless the log
   * was compacted (the spec has no compaction).
   */
  public record NodeState(
      long currentTerm,
      String votedFor,
      Role state,
      long commitIndex,
      long snapshotIndex,
      long lastIndex,
      long lastTerm) {}
}
