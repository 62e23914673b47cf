package io.plumbline.raft.mbt;

import io.plumbline.raft.Entry;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The abstraction function for messages: a Java {@link Message} as the spec's message record, and
 * back. Field meanings are those of {@link Message}'s Javadoc. One deliberate difference: a
 * rejected AppendEntriesResponse carries etcd's back-off hint in the core and {@code Len(log)} in
 * the spec, so {@link #normalize} drops {@code mmatchIndex} of rejections on both sides.
 */
public final class MessageMapping {
  private static final TlaValue NIL = new TlaValue.ModelValue("Nil");

  private MessageMapping() {}

  /** The spec record of a core message (already normalized). */
  public static TlaValue.Rec toSpec(Message m) {
    Map<String, TlaValue> f = new LinkedHashMap<>();
    f.put("mtype", new TlaValue.Str(m.type().name()));
    f.put("mterm", new TlaValue.Int(m.term()));
    f.put("msource", new TlaValue.ModelValue(m.from()));
    f.put("mdest", new TlaValue.ModelValue(m.to()));
    switch (m.type()) {
      case PreVoteRequest, RequestVoteRequest -> {
        f.put("mlastLogTerm", new TlaValue.Int(m.logTerm()));
        f.put("mlastLogIndex", new TlaValue.Int(m.index()));
      }
      case PreVoteResponse, RequestVoteResponse -> f.put("mvoteGranted", new TlaValue.Bool(!m.reject()));
      case AppendEntriesRequest -> {
        f.put("mprevLogIndex", new TlaValue.Int(m.index()));
        f.put("mprevLogTerm", new TlaValue.Int(m.logTerm()));
        f.put("mentries", entries(m.entries()));
        f.put("mcommitIndex", new TlaValue.Int(m.commit()));
      }
      case AppendEntriesResponse -> {
        f.put("msuccess", new TlaValue.Bool(!m.reject()));
        f.put("mmatchIndex", new TlaValue.Int(m.index()));
      }
      case HeartbeatRequest -> {
        f.put("mcommitIndex", new TlaValue.Int(m.commit()));
        f.put("mcontext", context(m));
      }
      case HeartbeatResponse -> f.put("mcontext", context(m));
      case SnapshotRequest -> throw new IllegalArgumentException("the spec has no snapshots: " + m);
    }
    return normalize(new TlaValue.Rec(Map.copyOf(f)));
  }

  /** The record as compared: a rejection's {@code mmatchIndex} (the hint) left out. */
  public static TlaValue.Rec normalize(TlaValue.Rec m) {
    if (!m.get("mtype").text().equals("AppendEntriesResponse")
        || m.get("msuccess").equals(new TlaValue.Bool(true))) {
      return m;
    }
    Map<String, TlaValue> f = new LinkedHashMap<>(m.fields());
    f.remove("mmatchIndex");
    return new TlaValue.Rec(Map.copyOf(f));
  }

  /**
   * A core message built from a spec record, for a message the spec sent but the core did not
   * (flow control held it back): only requests carry every field a core needs.
   */
  public static Message toCore(TlaValue.Rec m) {
    MessageType type = MessageType.valueOf(m.get("mtype").text());
    String from = m.get("msource").text();
    String to = m.get("mdest").text();
    long term = m.get("mterm").asLong();
    return switch (type) {
      case AppendEntriesRequest -> {
        long prev = m.get("mprevLogIndex").asLong();
        List<Entry> ents = new ArrayList<>();
        for (TlaValue e : m.get("mentries").asSeq()) {
          String value = e.asRecord().get("value").text();
          ents.add(new Entry(e.asRecord().get("term").asLong(), prev + 1 + ents.size(),
              value.equals("Nil") ? null : value.getBytes(StandardCharsets.UTF_8)));
        }
        yield new Message(type, from, to, term, m.get("mprevLogTerm").asLong(), prev, ents,
            m.get("mcommitIndex").asLong(), false, 0, null, null);
      }
      case HeartbeatRequest -> new Message(type, from, to, term, 0, 0, List.of(),
          m.get("mcommitIndex").asLong(), false, 0, null, null);
      default -> throw new IllegalArgumentException("no core message for spec message " + describe(m));
    };
  }

  /** A short readable form, e.g. {@code s1->s2 AppendEntriesRequest t1 prev=0/0 [1/Nil] c0}. */
  public static String describe(TlaValue.Rec m) {
    Map<String, TlaValue> f = new LinkedHashMap<>(m.fields());
    String head = f.remove("msource").text() + "->" + f.remove("mdest").text() + " "
        + f.remove("mtype").text() + " t" + f.remove("mterm");
    StringBuilder b = new StringBuilder(head);
    f.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> b.append(' ').append(e.getKey().substring(1)).append('=').append(e.getValue()));
    return b.toString();
  }

  /** A bag of messages, each described and counted ({@code x2}), sorted; {@code none} when empty. */
  public static String describeAll(Map<TlaValue.Rec, ? extends Number> msgs) {
    if (msgs.isEmpty()) {
      return "none";
    }
    List<String> out = new ArrayList<>();
    msgs.forEach((m, n) -> out.add(describe(m) + (n.longValue() > 1 ? " x" + n : "")));
    out.sort(null);
    return String.join("; ", out);
  }

  private static TlaValue entries(List<Entry> entries) {
    List<TlaValue> out = new ArrayList<>();
    for (Entry e : entries) {
      TlaValue value = e.value().isEmpty() ? NIL : new TlaValue.ModelValue(e.value());
      out.add(new TlaValue.Rec(Map.of("term", new TlaValue.Int(e.term()), "value", value)));
    }
    return new TlaValue.Seq(List.copyOf(out));
  }

  private static TlaValue context(Message m) {
    return m.hasContext()
        ? new TlaValue.ModelValue(new String(m.context(), StandardCharsets.UTF_8)) : NIL;
  }
}
