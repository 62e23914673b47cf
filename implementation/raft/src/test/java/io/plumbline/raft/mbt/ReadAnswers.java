package io.plumbline.raft.mbt;

import io.plumbline.raft.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what clients get from ReadIndex reads against the spec, after every replayed step: the
 * spec's {@code ReadIndexComplete(i, r)} must be answered by the core's Ready in the same step
 * (a ReadState the application serves), at the spec's {@code readHistory[r].index}, and the
 * answer's value (the application's state when it served the read) must hold only entries the
 * spec has committed ({@code committed}), with the spec's values, up to at least the index the
 * read must see ({@code readHistory[r].mustSee}, ReadIndexLinearizable for the value itself). A
 * read the core answers that the spec has not completed is a mismatch too.
 *
 * <p>{@code restartFloor} is the index of the newest client value committed before the latest
 * restart in the behaviour (0 if none): a read whose {@code mustSee} reaches it must show a write
 * acknowledged before a crash, and is counted ({@link ReplayStats#readsSeeingWriteBeforeRestart}).
 * {@code restoredValue} gives, per restarted member, the index of the newest client value its
 * restart recovered as committed from the hard state (the entries its new application holds only
 * because the core handed them over at the restart); a read that member answers whose {@code
 * mustSee} reaches it is counted too ({@link ReplayStats#readsSeeingRestoredWrite}).
 */
final class ReadAnswers {
  private ReadAnswers() {}

  /** Adds a difference for each wrong or missing answer in step {@code a} to {@code out}. */
  static void check(CoreCluster cluster, SpecAction a, SpecState t, ReplayStats stats,
      List<String> out, long restartFloor, Map<String, Long> restoredValue) {
    List<String> answered = new ArrayList<>();
    for (String i : t.servers()) {
      ReplayApp app = cluster.app(i);
      out.addAll(app.takeErrors());
      for (ReplayApp.Served s : app.takeServed()) {
        stats.readsAnswered++;
        answered.add(s.read());
        count(s, t, stats, restartFloor);
        long restored = restoredValue.getOrDefault(i, 0L);
        if (restored > 0 && t.readIds().contains(s.read()) && t.readMustSee(s.read()) >= restored) {
          stats.readsSeeingRestoredWrite++;
        }
        checkOne(i, s, t, out);
      }
    }
    if (a.name().equals("ReadIndexComplete")) {
      String r = a.v().substring(0, a.v().indexOf('@'));
      if (!answered.contains(r)) {
        out.add("ReadIndexComplete(" + a.i() + ", " + r + "): the spec serves read " + r
            + " at index " + t.readIndex(r) + ", but no Ready of the core answered it");
      }
    }
  }

  /**
   * Counts the shapes of step {@code a} from {@code s} to {@code t} that the walks must reach:
   * crashes with reads pending, reads started beside another, reads a newer round served.
   */
  static void countShape(SpecAction a, SpecState s, SpecState t, ReplayStats stats) {
    switch (a.name()) {
      case "Restart" -> {
        stats.readsLostAtCrash += s.pendingReadSeqs(a.i()).size();
        if (s.servers().stream().anyMatch(i -> !s.pendingReadSeqs(i).isEmpty())) {
          stats.restartsWithReadPending++;
        }
      }
      case "ReadIndexRequest" -> {
        if (!s.pendingReadSeqs(a.i()).isEmpty()) {
          stats.readsStartedBesideAnother++;
        }
      }
      case "ReadIndexComplete" -> stats.readsServedByANewerRound +=
          s.pendingReadSeqs(a.i()).size() - t.pendingReadSeqs(a.i()).size() - 1;
      default -> { }
    }
  }

  private static void count(ReplayApp.Served s, SpecState t, ReplayStats stats, long restartFloor) {
    if (restartFloor > 0 && t.readIds().contains(s.read()) && t.readMustSee(s.read()) >= restartFloor) {
      stats.readsSeeingWriteBeforeRestart++;
    }
    s.state().stream().filter(e -> e.data().length > 0).forEach(e -> stats.valuesRead.add(e.value()));
  }

  /** The index of the newest client value in {@code i}'s log of {@code s} at or below {@code through}, or 0. */
  static long newestValueThrough(SpecState s, String i, long through) {
    List<String> log = s.log(i);
    for (long k = Math.min(through, log.size()); k >= 1; k--) {
      if (!log.get((int) k - 1).endsWith("/Nil")) {
        return k;
      }
    }
    return 0;
  }

  /**
   * The index of the newest client value (an entry that is not a leader's no-op) some server of
   * {@code s} knows committed, or 0.
   */
  static long newestCommittedValue(SpecState s) {
    long newest = 0;
    for (String i : s.servers()) {
      List<String> log = s.log(i);
      for (int k = 1; k <= s.commitIndex(i); k++) {
        if (!log.get(k - 1).endsWith("/Nil")) {
          newest = Math.max(newest, k);
        }
      }
    }
    return newest;
  }

  private static void checkOne(String i, ReplayApp.Served s, SpecState t, List<String> out) {
    String r = s.read();
    String what = i + " answers read " + r + " at index " + s.index() + " with " + s.describe();
    if (!t.readIds().contains(r) || !"done".equals(t.readPhase(r))) {
      out.add(what + ", but the spec has not completed it");
      return;
    }
    if (t.readIndex(r) != s.index()) {
      out.add(what + ", but the spec serves it at index " + t.readIndex(r));
    }
    long missing = s.firstMissing(t.readMustSee(r));
    if (missing > 0) {
      out.add(what + ", missing index " + missing + " (the read must see through index "
          + t.readMustSee(r) + ", committed before it began: ReadIndexLinearizable)");
    } else if (s.firstMissing(s.index()) > 0) {
      out.add(what + ", missing index " + s.firstMissing(s.index())
          + ": not the log's prefix through the read's index");
    }
    Set<String> committed = t.committedEntries();
    List<String> log = t.log(i);
    for (Entry e : s.state()) {
      if (!committed.contains(e.index() + "/" + e.term())) {
        out.add(what + ", but entry " + e + " is not committed in the spec (committed: "
            + committed + ")");
        return;
      }
      String value = e.data().length == 0 ? "Nil" : e.value();
      if (e.index() > log.size() || !log.get((int) e.index() - 1).equals(e.term() + "/" + value)) {
        out.add(what + ", but the spec's log[" + i + "] is " + log);
        return;
      }
    }
  }
}
