package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays one behaviour of the spec (a path of states) on fresh cores: for each step it resolves
 * the spec action, drives the cores with it, and compares the messages sent and the abstraction
 * of every core with the spec's next state. Stops a path at its first mismatch.
 */
final class Replayer {
  /** Deviation names, as they appear in reports. */
  static final String STALE_ANSWER = "core answers a stale append/heartbeat/pre-vote (etcd; spec drops it)";
  static final String FLOW_PAUSE = "flow control held an AppendEntries back (probe outstanding or window full)";
  static final String PIPELINED = "core sent AppendEntries from its optimistic next index (Replicate)";
  static final String SENT_AHEAD =
      "core sent a vote/ack at once: its Ready had nothing to persist (spec holds it for Persist)";

  private final Set<InjectedBug> bugs;
  private final ReplayStats stats;

  private final boolean split;

  Replayer(Set<InjectedBug> bugs, ReplayStats stats) {
    this(bugs, stats, false);
  }

  /** {@code split}: the model has the persist/send split ("AsyncPersist"), see {@link CoreCluster}. */
  Replayer(Set<InjectedBug> bugs, ReplayStats stats, boolean split) {
    this.bugs = bugs;
    this.stats = stats;
    this.split = split;
  }

  /**
   * Replays {@code states} (the first an initial state); {@code labels.get(k)} is TLC's label of
   * step k (or null). Returns whether the path replayed without mismatch.
   */
  boolean replay(String path, List<SpecState> states, List<String> labels) {
    CoreCluster cluster = new CoreCluster(states.get(0).servers(), bugs, split);
    stats.paths++;
    List<String> done = new ArrayList<>();
    long restartFloor = 0;
    Map<String, Long> restoredValue = new HashMap<>();
    List<String> initial = Abstraction.differences(cluster, states.get(0));
    if (!initial.isEmpty()) {
      return fail(path, 0, "Init", initial, done);
    }
    for (int k = 0; k + 1 < states.size(); k++) {
      SpecState s = states.get(k);
      SpecState t = states.get(k + 1);
      SpecAction a = ActionResolver.resolve(s, t, labels.get(k));
      if (a == null) {
        stats.stutters++;
        continue;
      }
      stats.action(a.name());
      ReadAnswers.countShape(a, s, t, stats);
      if (a.name().equals("Restart")) {
        restartFloor = Math.max(restartFloor, ReadAnswers.newestCommittedValue(s));
      }
      CoreCluster.Step step = cluster.apply(a);
      List<String> diffs = new ArrayList<>();
      if (step.refused() != null && !a.name().equals("AppendEntries")) {
        diffs.add("the core refused the step: " + step.refused());
      }
      compareMessages(a, s, t, step, cluster, diffs);
      diffs.addAll(Abstraction.differences(cluster, t));
      if (a.name().equals("Restart")) {
        long value = ReadAnswers.newestValueThrough(t, a.i(), cluster.restoredCommit(a.i()));
        restoredValue.put(a.i(), value);
        if (value > 0) {
          stats.restartsRestoringAValue++;
        }
      }
      ReadAnswers.check(cluster, a, t, stats, diffs, restartFloor, restoredValue);
      if (diffs.isEmpty()) {
        CommitProbe.check(cluster, t, diffs);
        ReadProbe.check(cluster, t, stats, diffs);
      }
      if (!diffs.isEmpty()) {
        return fail(path, k + 1, a.toString(), diffs, done);
      }
      if (split) {
        countSplitEvents(a, s, t);
      }
      done.add(a.toString());
    }
    stats.specBuiltDeliveries += cluster.specBuiltDeliveries();
    List<String> holes = cluster.holes();
    if (!holes.isEmpty()) {
      return fail(path, states.size() - 1, "end of behaviour", holes, done);
    }
    return true;
  }

  /** Split events the test requires (else it would be vacuous); see {@link ReplayStats#split}. */
  static final String LOST_AT_RESTART = "restart lost unpersisted state";
  static final String RELEASED = "Persist released held messages";
  static final String SENT_EARLY = "message sent before its sender persisted";
  static final String HELD = "message held for its sender's Persist";

  private void countSplitEvents(SpecAction a, SpecState s, SpecState t) {
    String i = a.i();
    boolean unpersistedBefore = !s.durable(i).equals(hardState(s, i));
    if (a.name().equals("Restart") && unpersistedBefore) {
      stats.split(LOST_AT_RESTART);
    }
    if (a.name().equals("Persist") && !added(s, t).isEmpty()) {
      stats.split(RELEASED);
    }
    if (!a.name().equals("Persist") && !t.durable(i).equals(hardState(t, i)) && !added(s, t).isEmpty()) {
      stats.split(SENT_EARLY);
    }
    if (t.pendingMessages().size() > s.pendingMessages().size()) {
      stats.split(HELD);
    }
  }

  /** Server i's term, vote and log in state s, in {@link SpecState#durable}'s form. */
  private static String hardState(SpecState s, String i) {
    return "term " + s.currentTerm(i) + ", vote " + s.votedFor(i) + ", log=" + s.log(i);
  }

  private boolean fail(String path, int step, String action, List<String> diffs, List<String> done) {
    List<String> before = done.subList(Math.max(0, done.size() - 6), done.size());
    stats.mismatches.add(new ReplayStats.Mismatch(path, step, action, diffs, List.copyOf(before)));
    return false;
  }

  /**
   * The messages the cores sent must be exactly those the spec added, except for the documented
   * deviations (see README): answers to stale messages, and AppendEntries shaped by flow control.
   */
  private void compareMessages(SpecAction a, SpecState s, SpecState t, CoreCluster.Step step,
      CoreCluster cluster, List<String> diffs) {
    Map<TlaValue.Rec, Integer> expected = added(s, t);
    Map<TlaValue.Rec, Integer> sent = new HashMap<>();
    for (Message m : step.sent()) {
      sent.merge(MessageMapping.toSpec(m), 1, Integer::sum);
    }
    if (split && a.name().equals("Persist")) {
      // Released now in the spec, sent by the core when they were produced (SENT_AHEAD).
      List<TlaValue.Rec> ahead = cluster.sentAhead(a.i());
      ahead.forEach(m -> expected.computeIfPresent(m, (k, n) -> n > 1 ? n - 1 : null));
      ahead.clear();
    }
    if (sent.equals(expected)) {
      step.sent().forEach(cluster::register);
      return;
    }
    if (split && sentAhead(a, s, t, expected, sent, cluster)) {
      stats.deviation(SENT_AHEAD);
      step.sent().forEach(cluster::register);
      return;
    }
    if (a.name().equals("DropStaleMessage") && expected.isEmpty() && staleAnswers(a, s, step)) {
      stats.deviation(STALE_ANSWER);
      return;
    }
    if (a.name().equals("AppendEntries") && expected.size() == 1) {
      boolean onlyAppends = step.sent().stream()
          .allMatch(m -> m.type() == MessageType.AppendEntriesRequest);
      if (step.sent().isEmpty() || onlyAppends) {
        stats.deviation(step.sent().isEmpty() ? FLOW_PAUSE : PIPELINED);
        return;
      }
    }
    diffs.add("messages sent: spec " + describe(expected) + ", core " + describe(sent));
  }

  /**
   * The spec holds every vote, vote request and append acknowledgement for its sender's Persist,
   * even when the sender's state is already durable (a second copy of an append it holds on disk);
   * the core's Ready then has nothing to write and sends it at once (as TraceEtcdRaft allows: "its
   * sender has nothing left to persist"). Accepted when the core sent exactly the spec's network
   * additions plus messages the spec held in this step from a sender whose durable state equals
   * its state; they are remembered so that the Persist releasing them expects nothing more.
   */
  private static boolean sentAhead(SpecAction a, SpecState s, SpecState t,
      Map<TlaValue.Rec, Integer> expected, Map<TlaValue.Rec, Integer> sent, CoreCluster cluster) {
    Map<TlaValue.Rec, Integer> extra = new HashMap<>(sent);
    for (Map.Entry<TlaValue.Rec, Integer> e : expected.entrySet()) {
      int left = extra.getOrDefault(e.getKey(), 0) - e.getValue();
      if (left < 0) {
        return false;
      }
      if (left == 0) {
        extra.remove(e.getKey());
      } else {
        extra.put(e.getKey(), left);
      }
    }
    Map<TlaValue.Rec, Integer> held = addedHeld(s, t);
    for (Map.Entry<TlaValue.Rec, Integer> e : extra.entrySet()) {
      String from = e.getKey().get("msource").text();
      if (held.getOrDefault(e.getKey(), 0) < e.getValue() || !t.durable(from).equals(hardState(t, from))) {
        return false;
      }
    }
    extra.forEach((m, n) -> {
      for (int k = 0; k < n; k++) {
        cluster.sentAhead(m.get("msource").text()).add(m);
      }
    });
    return !extra.isEmpty();
  }

  private static Map<TlaValue.Rec, Integer> addedHeld(SpecState s, SpecState t) {
    Map<TlaValue.Rec, Integer> out = new HashMap<>();
    t.pendingMessages().forEach((m, n) -> {
      TlaValue before = s.pendingMessages().get(m);
      long extra = n.asLong() - (before == null ? 0 : before.asLong());
      if (extra > 0) {
        out.merge(MessageMapping.normalize(m.asRecord()), (int) extra, Integer::sum);
      }
    });
    return out;
  }

  /**
   * Whether the core's answer to a stale message is etcd's: one message back to the sender in the
   * receiver's current term — an AppendEntriesResponse to a stale append or heartbeat, a rejected
   * PreVoteResponse to a stale pre-vote request.
   */
  private static boolean staleAnswers(SpecAction a, SpecState s, CoreCluster.Step step) {
    String type = a.m().get("mtype").text();
    MessageType expected = switch (type) {
      case "AppendEntriesRequest", "HeartbeatRequest" -> MessageType.AppendEntriesResponse;
      case "PreVoteRequest" -> MessageType.PreVoteResponse;
      default -> null;
    };
    return step.sent().size() == 1 && expected != null
        && step.sent().get(0).type() == expected
        && step.sent().get(0).to().equals(a.j())
        && step.sent().get(0).term() == s.currentTerm(a.i())
        && (expected != MessageType.PreVoteResponse || step.sent().get(0).reject());
  }

  private static Map<TlaValue.Rec, Integer> added(SpecState s, SpecState t) {
    Map<TlaValue.Rec, Integer> out = new HashMap<>();
    t.messages().forEach((m, n) -> {
      long extra = n.asLong() - s.copies(m);
      if (extra > 0) {
        out.merge(MessageMapping.normalize(m.asRecord()), (int) extra, Integer::sum);
      }
    });
    return out;
  }

  private static String describe(Map<TlaValue.Rec, Integer> msgs) {
    return MessageMapping.describeAll(msgs);
  }
}
