package io.plumbline.raft.mbt;

import io.plumbline.raft.ModelBasedTestHooks;
import io.plumbline.raft.RaftCore;
import java.util.List;

/**
 * Checks the other direction of {@code AdvanceCommitIndex}: replay drives the core's commit step
 * only where the spec takes it, so a core that would commit where the spec's guard is false would
 * go unnoticed. After each step, for every leader whose spec guard is false, this asks the core
 * to commit: {@code maybeCommit} changes nothing when it finds nothing to commit, so the probe is
 * harmless, and when it does commit, that is a mismatch.
 */
final class CommitProbe {
  private CommitProbe() {}

  /** A difference for each leader core that commits where the spec cannot; adds to {@code out}. */
  static void check(CoreCluster cluster, SpecState t, List<String> out) {
    for (String i : t.servers()) {
      if (t.state(i).equals("Leader") && !guard(t, i, cluster.split())) {
        RaftCore core = cluster.core(i);
        long before = core.commitIndex();
        if (ModelBasedTestHooks.maybeCommit(core)) {
          out.add("AdvanceCommitIndex(" + i + ") is not enabled in the spec, but the core commits "
              + before + " -> " + core.commitIndex() + " (log " + t.log(i) + ", term "
              + t.currentTerm(i) + ")");
        }
      }
    }
  }

  /**
   * The spec's guard of {@code AdvanceCommitIndex(i)}: some index k above i's commit index holds an
   * entry of i's term on a quorum ({@code Agree(i, k)}: i and every j with matchIndex[i][j] >= k;
   * with the persist/send split i itself only when its durable log holds entry k).
   */
  static boolean guard(SpecState t, String i, boolean split) {
    List<String> log = t.log(i);
    List<String> durable = split ? t.durableLog(i) : log;
    List<String> servers = t.servers();
    for (int k = log.size(); k > t.commitIndex(i); k--) {
      long term = Long.parseLong(log.get(k - 1).substring(0, log.get(k - 1).indexOf('/')));
      int agree = durable.size() >= k && termOf(durable.get(k - 1)) == term ? 1 : 0;
      for (String j : servers) {
        agree += !j.equals(i) && t.index("matchIndex", i, j) >= k ? 1 : 0;
      }
      if (term == t.currentTerm(i) && 2 * agree > servers.size()) {
        return true;
      }
    }
    return false;
  }

  private static long termOf(String entry) {
    return Long.parseLong(entry.substring(0, entry.indexOf('/')));
  }
}
