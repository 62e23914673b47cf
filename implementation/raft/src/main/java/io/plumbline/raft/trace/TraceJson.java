package io.plumbline.raft.trace;

import io.plumbline.raft.Entry;
import io.plumbline.raft.Message;
import io.plumbline.raft.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a {@link TraceEvent} as one JSON line with the spec's field names:
 * {@code {"event","node","peer","msg":{mtype,mterm,msource,mdest,...},"read","state":{currentTerm,
 * votedFor,state,commitIndex,logLen,lastLogTerm},"append":{"from",entries:[{term,value}]}}}
 * ({@code read} only on ReadIndex events, {@code append} only when the action wrote entries).
 * Message fields follow the spec per type (see {@link Message}); entry values are strings and
 * the leader's no-op entry is null (the spec's Nil). The format is documented in
 * {@code spec/raft/README.md}.
 */
public final class TraceJson {
  private TraceJson() {}

  public static String toJson(TraceEvent e) {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"event\":").append(str(e.event()))
        .append(",\"node\":").append(str(e.node()))
        .append(",\"peer\":").append(str(e.peer()))
        .append(",\"msg\":");
    if (e.msg() == null) {
      b.append("null");
    } else {
      message(b, e.msg());
    }
    if (e.read() != null) {
      b.append(",\"read\":").append(str(e.read()));
    }
    b.append(",\"state\":");
    state(b, e.state());
    if (!e.written().isEmpty()) {
      b.append(",\"append\":{\"from\":").append(e.writtenFrom()).append(",\"entries\":");
      entries(b, e.written());
      b.append('}');
    }
    return b.append('}').toString();
  }

  private static void state(StringBuilder b, TraceEvent.NodeState s) {
    b.append("{\"currentTerm\":").append(s.currentTerm())
        .append(",\"votedFor\":").append(str(s.votedFor()))
        .append(",\"state\":").append(str(s.state().name()))
        .append(",\"commitIndex\":").append(s.commitIndex())
        .append(",\"logLen\":").append(s.lastIndex())
        .append(",\"lastLogTerm\":").append(s.lastTerm());
    if (s.snapshotIndex() > 0) {
      b.append(",\"snapshotIndex\":").append(s.snapshotIndex());
    }
    b.append('}');
  }

  private static void message(StringBuilder b, Message m) {
    b.append("{\"mtype\":").append(str(m.type().name()))
        .append(",\"mterm\":").append(m.term())
        .append(",\"msource\":").append(str(m.from()))
        .append(",\"mdest\":").append(str(m.to()));
    switch (m.type()) {
      case PreVoteRequest, RequestVoteRequest -> b.append(",\"mlastLogTerm\":").append(m.logTerm())
          .append(",\"mlastLogIndex\":").append(m.index());
      case PreVoteResponse, RequestVoteResponse ->
          b.append(",\"mvoteGranted\":").append(!m.reject());
      case AppendEntriesRequest -> {
        b.append(",\"mprevLogIndex\":").append(m.index())
            .append(",\"mprevLogTerm\":").append(m.logTerm())
            .append(",\"mcommitIndex\":").append(m.commit())
            .append(",\"mentries\":");
        entries(b, m.entries());
      }
      case AppendEntriesResponse -> b.append(",\"msuccess\":").append(!m.reject())
          .append(",\"mmatchIndex\":").append(m.index())
          .append(",\"mrejectHint\":").append(m.rejectHint())
          .append(",\"mhintTerm\":").append(m.logTerm());
      case HeartbeatRequest, HeartbeatResponse -> b.append(",\"mcommitIndex\":").append(m.commit())
          .append(",\"mcontext\":").append(m.hasContext()
              ? str(new String(m.context(), StandardCharsets.UTF_8)) : "null");
      case SnapshotRequest -> b.append(",\"msnapshotIndex\":").append(m.snapshot().index())
          .append(",\"msnapshotTerm\":").append(m.snapshot().term());
    }
    b.append('}');
  }

  private static void entries(StringBuilder b, List<Entry> entries) {
    b.append('[');
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      b.append(i == 0 ? "" : ",").append("{\"term\":").append(e.term())
          .append(",\"value\":").append(e.size() == Entry.OVERHEAD_BYTES ? "null" : str(e.value()))
          .append('}');
    }
    b.append(']');
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
