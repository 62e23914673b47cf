package io.plumbline.raft;

import java.util.List;

/**
 * A Raft message, with etcd's compact field set. How the fields map to the spec's message fields
 * depends on {@link #type()}:
 *
 * <ul>
 *   <li>vote requests: {@code index}/{@code logTerm} = {@code mlastLogIndex}/{@code mlastLogTerm};
 *   <li>vote responses: {@code !reject} = {@code mvoteGranted};
 *   <li>AppendEntriesRequest: {@code index}/{@code logTerm} = {@code mprevLogIndex}/{@code
 *       mprevLogTerm}, {@code entries} = {@code mentries}, {@code commit} = {@code mcommitIndex};
 *   <li>AppendEntriesResponse: {@code !reject} = {@code msuccess}, {@code index} = {@code
 *       mmatchIndex} (on success) or the rejected {@code mprevLogIndex}; {@code rejectHint} and
 *       {@code logTerm} carry etcd's fast back-off hint;
 *   <li>Heartbeat request/response: {@code commit} = {@code mcommitIndex}, {@code context} =
 *       {@code mcontext} (a ReadIndex round, or null).
 * </ul>
 */
public record Message(
    MessageType type,
    String from,
    String to,
    long term,
    long logTerm,
    long index,
    List<Entry> entries,
    long commit,
    boolean reject,
    long rejectHint,
    byte[] context,
    Snapshot snapshot) {

  public Message {
    entries = entries == null ? List.of() : List.copyOf(entries);
    context = context == null ? null : context.clone();
  }

  @Override
  public byte[] context() {
    return context == null ? null : context.clone();
  }

  /** Whether this message carries a ReadIndex context. */
  public boolean hasContext() {
    return context != null;
  }

  /** A starting point for building messages: only type, endpoints and term set. */
  public static Message of(MessageType type, String from, String to, long term) {
    return new Message(type, from, to, term, 0, 0, List.of(), 0, false, 0, null, null);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    b.append(from).append("->").append(to).append(' ').append(type).append(" term=").append(term);
    switch (type) {
      case PreVoteRequest, RequestVoteRequest ->
          b.append(" lastLog=").append(index).append('/').append(logTerm);
      case PreVoteResponse, RequestVoteResponse -> b.append(reject ? " rejected" : " granted");
      case AppendEntriesRequest -> b.append(" prev=").append(index).append('/').append(logTerm)
          .append(" commit=").append(commit).append(" entries=").append(entries);
      case AppendEntriesResponse -> b.append(reject
          ? " rejected index=" + index + " hint=" + rejectHint + "/" + logTerm
          : " match=" + index);
      case HeartbeatRequest, HeartbeatResponse -> {
        b.append(" commit=").append(commit);
        if (context != null) {
          b.append(" ctx=").append(new String(context, java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      case SnapshotRequest -> b.append(' ').append(snapshot);
    }
    return b.toString();
  }
}
