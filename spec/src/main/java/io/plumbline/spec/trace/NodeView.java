package io.plumbline.spec.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one node's state a trace event reports: the fields trace validation compares.
 * The log is summarised by its length and last term.
 */
public record NodeView(long currentTerm, String votedFor, String state, long commitIndex,
    long logLen, long lastLogTerm) {

  /** A node before its first event: EtcdRaft's initial state. */
  public static final NodeView INITIAL = new NodeView(0, null, "Follower", 0, 0, 0);

  /** The state an event reports. */
  static NodeView of(JsonNode state) {
    long len;
    long last;
    if (state.has("log")) {
      JsonNode log = state.get("log");
      len = log.size();
      last = len == 0 ? 0 : log.get(log.size() - 1).get("term").asLong();
    } else {
      len = state.get("logLen").asLong();
      last = state.get("lastLogTerm").asLong();
    }
    return new NodeView(state.get("currentTerm").asLong(), text(state.get("votedFor")),
        state.get("state").asText(), state.get("commitIndex").asLong(), len, last);
  }

  private static String text(JsonNode v) {
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The fields where {@code other} differs, as {@code name: mine → other's}. */
  List<String> differences(NodeView other) {
    List<String> d = new ArrayList<>();
    diff(d, "currentTerm", currentTerm, other.currentTerm);
    diff(d, "votedFor", show(votedFor), show(other.votedFor));
    diff(d, "state", state, other.state);
    diff(d, "commitIndex", commitIndex, other.commitIndex);
    diff(d, "logLen", logLen, other.logLen);
    diff(d, "lastLogTerm", lastLogTerm, other.lastLogTerm);
    return d;
  }

  private static void diff(List<String> out, String field, Object a, Object b) {
    if (!a.equals(b)) {
      out.add(field + " " + a + " vs " + b);
    }
  }

  private static String show(String s) {
    return s == null ? "null" : s;
  }

  @Override
  public String toString() {
    return "term " + currentTerm + ", votedFor " + show(votedFor) + ", " + state + ", commit "
        + commitIndex + ", log " + logLen + " entries (last term " + lastLogTerm + ")";
  }
}
