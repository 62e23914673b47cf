package io.plumbline.raft.mbt;

import io.plumbline.raft.Entry;
import io.plumbline.raft.ModelBasedTestHooks;
import io.plumbline.raft.ModelBasedTestHooks.PeerProgress;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The abstraction function: each core's state read as the spec's variables, compared with a spec
 * state. Compared per server i: currentTerm, votedFor, state, leader, log (term/value),
 * commitIndex, votesGranted and preVotesGranted (the core keeps one vote map for both; it belongs
 * to whichever of the two its role runs), and, while i leads, for every peer j: matchIndex[i][j],
 * recentActive[i] and nextIndex[i][j] — the latter only while the core probes j (in Replicate the
 * core advances next optimistically when it sends, the spec only on a response; see README).
 * With the persist/send split also durableState[i] (the disk's synced state) and the messages i
 * holds for its Persist.
 */
final class Abstraction {
  private Abstraction() {}

  /** Every difference between the cores and spec state t, as {@code var[i]: spec X, core Y}. */
  static List<String> differences(CoreCluster cluster, SpecState t) {
    List<String> out = new ArrayList<>();
    for (String i : t.servers()) {
      RaftCore c = cluster.core(i);
      check(out, "currentTerm[" + i + "]", t.currentTerm(i), c.term());
      check(out, "votedFor[" + i + "]", t.votedFor(i), orNil(c.vote()));
      check(out, "state[" + i + "]", t.state(i), c.role().name());
      check(out, "leader[" + i + "]", t.leader(i), orNil(c.lead()));
      check(out, "log[" + i + "]", t.log(i), log(c));
      check(out, "commitIndex[" + i + "]", t.commitIndex(i), c.commitIndex());
      Set<String> votes = ModelBasedTestHooks.grantedVotes(c);
      check(out, "votesGranted[" + i + "]", t.serverSet("votesGranted", i),
          c.role() == Role.Candidate ? votes : Set.of());
      check(out, "preVotesGranted[" + i + "]", t.serverSet("preVotesGranted", i),
          c.role() == Role.PreCandidate ? votes : Set.of());
      if (t.state(i).equals("Leader") && c.role() == Role.Leader) {
        leaderDifferences(out, c, t, i);
      }
      if (cluster.split()) {
        splitDifferences(out, cluster, t, i);
      }
    }
    return out;
  }

  /**
   * The persist/send split: durableState[i] is what a crash of i would keep (its disk's synced
   * hard state and log), and the messages i holds for its Persist (pendingMessages sent by i,
   * less those the core sent ahead) are the core's outbox past what went out early.
   */
  private static void splitDifferences(List<String> out, CoreCluster cluster, SpecState t, String i) {
    check(out, "durableState[" + i + "]", t.durable(i), cluster.durable(i));
    Map<TlaValue.Rec, Long> spec = new HashMap<>();
    t.pendingMessages().forEach((m, n) -> {
      if (m.asRecord().get("msource").text().equals(i)) {
        spec.merge(MessageMapping.normalize(m.asRecord()), n.asLong(), Long::sum);
      }
    });
    cluster.sentAhead(i).forEach(m -> spec.computeIfPresent(m, (k, n) -> n > 1 ? n - 1 : null));
    Map<TlaValue.Rec, Long> core = new HashMap<>();
    cluster.held(i).forEach(m -> core.merge(MessageMapping.toSpec(m), 1L, Long::sum));
    if (!spec.equals(core)) {
      out.add("pendingMessages from " + i + ": spec " + describe(spec) + ", core " + describe(core));
    }
  }

  private static String describe(Map<TlaValue.Rec, Long> msgs) {
    return MessageMapping.describeAll(msgs);
  }

  private static void leaderDifferences(List<String> out, RaftCore c, SpecState t, String i) {
    Set<String> active = new TreeSet<>();
    for (String j : t.servers()) {
      if (j.equals(i)) {
        continue;
      }
      PeerProgress pr = ModelBasedTestHooks.progress(c, j);
      check(out, "matchIndex[" + i + "][" + j + "]", t.index("matchIndex", i, j), pr.match());
      if (pr.probing() && !probesFurtherBack(t.index("nextIndex", i, j), t.index("matchIndex", i, j), pr.next())) {
        check(out, "nextIndex[" + i + "][" + j + "]", t.index("nextIndex", i, j), pr.next());
      }
      if (pr.recentActive()) {
        active.add(j);
      }
    }
    check(out, "recentActive[" + i + "]", t.serverSet("recentActive", i), active);
  }

  /**
   * On a rejection the spec backs nextIndex off by one entry, the core as etcd does: to the
   * follower's hint, then past the leader's entries of a term above the hint's term
   * ({@code findConflictByTerm}), never below matchIndex + 1. A core probing from an index between
   * the spec's matchIndex + 1 and its nextIndex only skips entries the spec would probe one by
   * one (its AppendEntries then counts as one from another next index, see Replayer.PIPELINED).
   */
  static boolean probesFurtherBack(long specNext, long specMatch, long coreNext) {
    return coreNext < specNext && coreNext >= specMatch + 1;
  }

  private static List<String> log(RaftCore c) {
    List<String> out = new ArrayList<>();
    for (Entry e : c.logEntries()) {
      out.add(e.term() + "/" + (e.value().isEmpty() ? "Nil" : e.value()));
    }
    return out;
  }

  private static String orNil(String s) {
    return s == null ? "Nil" : s;
  }

  private static void check(List<String> out, String var, Object spec, Object core) {
    if (!Objects.equals(spec, core)) {
      out.add(var + ": spec " + spec + ", core " + core);
    }
  }
}
