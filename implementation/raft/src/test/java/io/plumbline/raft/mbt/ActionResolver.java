package io.plumbline.raft.mbt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which concrete spec action leads from one state to the next. TLC labels dumped edges with
 * the action's name only, and simulation traces carry no label at all, so the parameters (server,
 * peer, message, value) come from the difference between the two states, following the spec's
 * guards: the message whose copies dropped was handled, by the handler its type and term select;
 * otherwise a change of a disk or of held messages is Persist or Restart ("AsyncPersist");
 * otherwise the messages added (sent or held) name the sender; otherwise the server whose state
 * changed did it.
 */
public final class ActionResolver {
  private ActionResolver() {}

  /**
   * The action from {@code s} to {@code t}, or null for a stuttering step (nothing changed).
   *
   * @param label TLC's edge label (e.g. {@code Step_HandleAppendEntriesRequest}), or null
   */
  public static SpecAction resolve(SpecState s, SpecState t, String label) {
    SpecAction a = infer(s, t);
    if (a != null && label != null && !label.replaceFirst("^Step_", "").equals(a.name())) {
      throw new IllegalArgumentException("edge labelled " + label + " looks like " + a);
    }
    return a;
  }

  private static SpecAction infer(SpecState s, SpecState t) {
    List<TlaValue.Rec> consumed = new ArrayList<>();
    List<TlaValue.Rec> added = new ArrayList<>();
    diffMessages(s, t, consumed, added);
    if (consumed.size() == 1) {
      TlaValue.Rec m = consumed.get(0);
      String i = m.get("mdest").text();
      return new SpecAction(handlerOf(s, i, m), i, m.get("msource").text(), m, null);
    }
    if (!consumed.isEmpty()) {
      throw new IllegalArgumentException("more than one message consumed: " + consumed);
    }
    SpecAction split = persistOrLostHeld(s, t);
    if (split != null) {
      return split;
    }
    added.addAll(addedHeld(s, t));
    if (!added.isEmpty()) {
      return sender(s, added);
    }
    SpecAction read = readStep(s, t);
    if (read != null) {
      return read;
    }
    for (String i : s.servers()) {
      SpecAction a = serverStep(s, t, i);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  private static void diffMessages(
      SpecState s, SpecState t, List<TlaValue.Rec> consumed, List<TlaValue.Rec> added) {
    for (TlaValue m : s.messages().keySet()) {
      if (t.copies(m) < s.copies(m)) {
        consumed.add(m.asRecord());
      }
    }
    for (Map.Entry<TlaValue, TlaValue> e : t.messages().entrySet()) {
      for (long k = s.copies(e.getKey()); k < e.getValue().asLong(); k++) {
        added.add(e.getKey().asRecord());
      }
    }
  }

  /**
   * With "AsyncPersist": Persist(i) when i's durableState changed, or when messages i held moved
   * into the network; Restart(i) when messages i held vanished (a crash loses them). Null when no
   * server's durable state or held messages changed.
   */
  private static SpecAction persistOrLostHeld(SpecState s, SpecState t) {
    for (String i : s.servers()) {
      if (!java.util.Objects.equals(s.durable(i), t.durable(i))) {
        return new SpecAction("Persist", i, null, null, null);
      }
    }
    for (TlaValue m : s.pendingMessages().keySet()) {
      if (copies(t.pendingMessages(), m) < copies(s.pendingMessages(), m)) {
        String i = m.asRecord().get("msource").text();
        boolean released = t.copies(m) > s.copies(m);
        return new SpecAction(released ? "Persist" : "Restart", i, null, null, null);
      }
    }
    return null;
  }

  /** Messages a step held for its sender's Persist (added to pendingMessages). */
  private static List<TlaValue.Rec> addedHeld(SpecState s, SpecState t) {
    List<TlaValue.Rec> out = new ArrayList<>();
    for (Map.Entry<TlaValue, TlaValue> e : t.pendingMessages().entrySet()) {
      for (long k = copies(s.pendingMessages(), e.getKey()); k < e.getValue().asLong(); k++) {
        out.add(e.getKey().asRecord());
      }
    }
    return out;
  }

  private static long copies(Map<TlaValue, TlaValue> bag, TlaValue m) {
    TlaValue n = bag.get(m);
    return n == null ? 0 : n.asLong();
  }

  /** The Receive disjunct that handles m at i in state s (the spec's guards decide). */
  static String handlerOf(SpecState s, String i, TlaValue.Rec m) {
    long mterm = m.get("mterm").asLong();
    String type = m.get("mtype").text();
    long term = s.currentTerm(i);
    boolean voteRequest = type.equals("PreVoteRequest") || type.equals("RequestVoteRequest");
    if (mterm < term) {
      return "DropStaleMessage";
    }
    if (voteRequest && mterm > term && !s.leader(i).equals("Nil")) {
      return "IgnoreVoteRequestInLease";
    }
    return "Handle" + type;
  }

  /** Messages were added and none consumed: a timer or send action of their (single) source. */
  private static SpecAction sender(SpecState s, List<TlaValue.Rec> added) {
    TlaValue.Rec first = added.get(0);
    String i = first.get("msource").text();
    String j = first.get("mdest").text();
    String name = switch (first.get("mtype").text()) {
      case "PreVoteRequest" -> "ElectionTimeout";
      case "RequestVoteRequest" -> "BecomeCandidate";
      case "AppendEntriesRequest" -> "AppendEntries";
      case "HeartbeatRequest" -> "Heartbeat";
      default -> throw new IllegalArgumentException("no action sends only " + added);
    };
    boolean broadcast = Set.of("ElectionTimeout", "BecomeCandidate").contains(name);
    return new SpecAction(name, i, broadcast ? null : j, null, null);
  }

  /** No message moved: UpdateTerm, or an internal step of server i (null if i did not change). */
  private static SpecAction serverStep(SpecState s, SpecState t, String i) {
    if (t.currentTerm(i) > s.currentTerm(i)) {
      return updateTerm(s, t, i);
    }
    String before = s.state(i);
    String after = t.state(i);
    if (before.equals("Candidate") && after.equals("Leader")) {
      return new SpecAction("BecomeLeader", i, null, null, null);
    }
    if (isRestart(s, t, i)) {
      return new SpecAction("Restart", i, null, null, null);
    }
    if (!before.equals("Leader")) {
      return null;
    }
    List<String> log = t.log(i);
    if (log.size() > s.log(i).size()) {
      String last = log.get(log.size() - 1);
      return new SpecAction("ClientRequest", i, null, null, last.substring(last.indexOf('/') + 1));
    }
    if (t.commitIndex(i) > s.commitIndex(i)) {
      return new SpecAction("AdvanceCommitIndex", i, null, null, null);
    }
    if (!after.equals("Leader")
        || !t.serverSet("recentActive", i).equals(s.serverSet("recentActive", i))) {
      return new SpecAction("CheckQuorum", i, null, null, null);
    }
    return null;
  }

  /**
   * Restart(i) with no message moved and the term unchanged: the commit index fell, or a
   * non-leader lost its role or leader (no other message-free step does either), or a leader
   * that heard from a quorum became a follower (CheckQuorum would keep it leading). A leader with
   * commit 0 and no quorum contact that becomes a follower resolves to CheckQuorum (the two
   * leave the same state).
   */
  private static boolean isRestart(SpecState s, SpecState t, String i) {
    if (t.commitIndex(i) < s.commitIndex(i)) {
      return true;
    }
    // With "AsyncPersist" a restart falls back to the durable term, vote and log; no other step
    // lowers a term, changes a vote without moving a message, or shortens a log by itself.
    if (t.currentTerm(i) < s.currentTerm(i) || !t.votedFor(i).equals(s.votedFor(i))
        || t.log(i).size() < s.log(i).size()) {
      return true;
    }
    boolean leader = s.state(i).equals("Leader");
    if (leader) {
      // CheckQuorum steps down only when i heard from no quorum; otherwise i restarted.
      Set<String> active = new java.util.HashSet<>(s.serverSet("recentActive", i));
      active.add(i);
      return !t.state(i).equals("Leader") && 2 * active.size() > s.servers().size();
    }
    return !s.state(i).equals(t.state(i)) || !s.leader(i).equals(t.leader(i));
  }

  /**
   * ReadIndexRequest(i, r) (r idle to pending) or ReadIndexComplete(i, r) (pending to done), i
   * being the server whose pendingReads changed; {@code v} is r, and for a completion
   * {@code r@index} with the index the spec served it at. A completion also serves every older
   * pending read of i (etcd's readOnly.advance): r is the newest read it served.
   */
  private static SpecAction readStep(SpecState s, SpecState t) {
    if (s.readIds().stream().allMatch(r -> s.readPhase(r).equals(t.readPhase(r)))) {
      return null;
    }
    for (String i : s.servers()) {
      if (s.pendingReads(i).equals(t.pendingReads(i))) {
        continue;
      }
      String newest = null;
      for (var p : s.pendingReadSeqs(i).entrySet()) {
        if (t.readPhase(p.getKey()).equals("done")) {
          newest = p.getKey();
        }
      }
      if (newest != null) {
        return new SpecAction("ReadIndexComplete", i, null, null, newest + "@" + t.readIndex(newest));
      }
      for (String r : t.pendingReadSeqs(i).keySet()) {
        if (s.readPhase(r).equals("idle")) {
          return new SpecAction("ReadIndexRequest", i, null, null, r);
        }
      }
    }
    return null;
  }

  /** UpdateTerm(i, j, m): m stays in the network; pick the message that explains i's new state. */
  private static SpecAction updateTerm(SpecState s, SpecState t, String i) {
    long newTerm = t.currentTerm(i);
    for (TlaValue key : s.messages().keySet()) {
      TlaValue.Rec m = key.asRecord();
      String type = m.get("mtype").text();
      boolean fromLeader = type.equals("AppendEntriesRequest") || type.equals("HeartbeatRequest");
      String expectedLeader = fromLeader ? m.get("msource").text() : "Nil";
      if (m.get("mdest").text().equals(i) && m.get("mterm").asLong() == newTerm
          && !type.equals("PreVoteRequest")
          && !(type.equals("PreVoteResponse") && m.get("mvoteGranted").equals(new TlaValue.Bool(true)))
          && t.leader(i).equals(expectedLeader)) {
        return new SpecAction("UpdateTerm", i, m.get("msource").text(), m, null);
      }
    }
    throw new IllegalArgumentException(i + " moved to term " + newTerm + " but no message explains it");
  }
}
