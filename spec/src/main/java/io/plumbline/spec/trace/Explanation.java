package io.plumbline.spec.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns "event l of this trace is unexplained" (+ what the spec printed, if its step was enabled)
 * into a readable {@link TraceVerdict.Unexplained}: the event, the node's state before it, what
 * the spec's step would have produced and what the trace reports.
 */
final class Explanation {
  /** The actions TraceEtcdRaft explains. */
  static final Set<String> ACTIONS = Set.of("Restart", "ElectionTimeout", "ElectionLost",
      "BecomeCandidate", "BecomeLeader", "ClientRequest", "AppendEntries", "AdvanceCommitIndex",
      "Heartbeat", "CheckQuorum", "ReadIndexRequest", "ReadIndexComplete", "UpdateTerm",
      "DropStaleMessage", "IgnoreVoteRequestInLease", "HandlePreVoteRequest",
      "HandlePreVoteResponse", "HandleRequestVoteRequest", "HandleRequestVoteResponse",
      "HandleAppendEntriesRequest", "HandleAppendEntriesResponse", "HandleHeartbeatRequest",
      "HandleHeartbeatResponse", "DuplicateMessage", "DropMessage", "Persist", "SendSnapshot",
      "HandleSnapshotRequest");

  /** What TraceValidator records for an event whose message no Persist released. */
  static final String UNRELEASED = "unreleased";

  private Explanation() {}

  /**
   * @param index 1-based index of the unexplained event
   * @param printed the spec's state after its step (ReportMismatch's tuple tail), or null
   */
  static TraceVerdict.Unexplained of(TraceFile f, int index, String printed) {
    TraceFile.Event e = f.events().get(index - 1);
    NodeView before = before(f, index, e.node());
    NodeView actual = NodeView.of(e.json().get("state"));
    if (UNRELEASED.equals(printed)) {
      return new TraceVerdict.Unexplained(index, e.line(), e.name(), summary(e.json()),
          "the message was delivered before its sender persisted what it vouches for (EtcdRaft "
              + "holds it until the sender's Persist; a restart before that loses it)",
          before(f, index, e.node()), null, NodeView.of(e.json().get("state")));
    }
    NodeView expected = printed == null ? null : parse(printed);
    return new TraceVerdict.Unexplained(index, e.line(), e.name(), summary(e.json()),
        reason(e, expected, actual), before, expected, actual);
  }

  private static String reason(TraceFile.Event e, NodeView expected, NodeView actual) {
    if (!ACTIONS.contains(e.name())) {
      return "EtcdRaft has no action " + e.name();
    }
    if (expected == null) {
      return "EtcdRaft's " + e.name() + " is not enabled in the state before the event "
          + "(a guard of the action rejects it)";
    }
    List<String> d = expected.differences(actual);
    return "EtcdRaft's " + e.name() + " leads elsewhere: "
        + (d.isEmpty() ? "the log's entries differ" : "spec vs trace: " + String.join("; ", d));
  }

  /** The node's state as its last earlier event reported it (the spec matched it there). */
  private static NodeView before(TraceFile f, int index, String node) {
    for (int k = index - 2; k >= 0; k--) {
      TraceFile.Event prev = f.events().get(k);
      if (prev.node().equals(node) && !prev.name().endsWith("Message")) {
        return NodeView.of(prev.json().get("state"));
      }
    }
    return NodeView.INITIAL;
  }

  /** {@code n2 ← n1 RequestVoteRequest(term 2, ...)} style one-liner of an event. */
  static String summary(JsonNode e) {
    StringBuilder b = new StringBuilder(e.get("node").asText());
    JsonNode m = e.get("msg");
    if (m != null && m.isObject()) {
      b.append(" msg ").append(m.get("mtype").asText()).append(' ').append(m.get("msource").asText())
          .append("->").append(m.get("mdest").asText()).append(" {");
      List<String> fields = new ArrayList<>();
      m.fields().forEachRemaining(f -> {
        if (!Set.of("mtype", "msource", "mdest").contains(f.getKey())) {
          fields.add(f.getKey() + "=" + f.getValue());
        }
      });
      b.append(String.join(", ", fields)).append('}');
    } else if (e.hasNonNull("peer")) {
      b.append(" peer ").append(e.get("peer").asText());
    }
    if (e.hasNonNull("read")) {
      b.append(" read ").append(e.get("read").asText());
    }
    return b.toString();
  }

  /** Parses {@code term, votedFor, state, commit, logLen, lastTerm} as TLC printed them. */
  static NodeView parse(String printed) {
    List<String> parts = new ArrayList<>();
    for (String p : printed.split(",\\s*")) {
      parts.add(p.strip().replace("\"", ""));
    }
    String vote = parts.get(1).equals("Nil") ? null : parts.get(1);
    return new NodeView(Long.parseLong(parts.get(0)), vote, parts.get(2),
        Long.parseLong(parts.get(3)), Long.parseLong(parts.get(4)), Long.parseLong(parts.get(5)));
  }
}
