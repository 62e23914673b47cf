package io.plumbline.raft;

/**
 * Message types, named as in the spec ({@code mtype}). {@link #SnapshotRequest} is etcd's MsgSnap,
 * which the spec does not model (it has no compaction); traces name it so a checker can skip it.
 */
public enum MessageType {
  PreVoteRequest,
  PreVoteResponse,
  RequestVoteRequest,
  RequestVoteResponse,
  AppendEntriesRequest,
  AppendEntriesResponse,
  HeartbeatRequest,
  HeartbeatResponse,
  SnapshotRequest;

  /** A leader's outbound replication (AppendEntries, heartbeat, snapshot): promises no durability. */
  public boolean isLeaderReplication() {
    return this == AppendEntriesRequest || this == HeartbeatRequest || this == SnapshotRequest;
  }
}
