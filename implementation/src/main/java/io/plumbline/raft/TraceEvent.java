package io.plumbline.raft;

import java.util.List;

/**
 * One performed spec action: its name (as in {@code EtcdRaft.tla}), the acting node, the peer
 * involved (or null), the message received or sent (or null), and the node's state after it.
 */
public record TraceEvent(String event, String node, String peer, Message msg, NodeState state) {

  /**
   * The spec-visible state of a node. {@code log} holds the entries still available, starting
   * at {@code snapshotIndex + 1} (the spec has no compaction, so a trace checker starts from 1).
   */
  public record NodeState(
      long currentTerm,
      String votedFor,
      Role state,
      long commitIndex,
      long snapshotIndex,
      List<Entry> log) {}
}
