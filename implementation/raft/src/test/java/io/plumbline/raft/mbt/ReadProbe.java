package io.plumbline.raft.mbt;

import io.plumbline.raft.RaftCore;
import io.plumbline.raft.SubmitResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks the other direction of {@code ReadIndexRequest}: replay asks the core for a read only
 * where the spec takes one, so a core that would accept a read the spec's guard refuses (a leader
 * that has not yet committed an entry of its term, thesis §6.4 step 1) would go unnoticed. After
 * each step, for every leader whose spec guard is false, this asks the core for a read: the
 * correct core answers {@code NOT_READY} and changes nothing, so the probe is harmless; accepting
 * the read is a mismatch.
 */
final class ReadProbe {
  /** The probe's read context: never one of the spec's read ids. */
  private static final byte[] CONTEXT = "read-probe".getBytes(StandardCharsets.UTF_8);

  private ReadProbe() {}

  /**
   * A difference for each leader core that accepts a read where the spec cannot; adds to {@code
   * out}. Counts the leaders probed in {@code stats} (a test requires some, else it is vacuous).
   */
  static void check(CoreCluster cluster, SpecState t, ReplayStats stats, List<String> out) {
    for (String i : t.servers()) {
      if (t.state(i).equals("Leader") && !ownTermCommitted(t, i)) {
        stats.readProbes++;
        RaftCore core = cluster.core(i);
        SubmitResult r = core.readIndex(CONTEXT);
        if (r.status() != SubmitResult.Status.NOT_READY) {
          out.add("ReadIndexRequest(" + i + ") is not enabled in the spec (no entry of term "
              + t.currentTerm(i) + " committed: commit " + t.commitIndex(i) + ", log " + t.log(i)
              + "), but the core answers a read with " + r.status() + " at index " + r.index());
        }
      }
    }
  }

  /**
   * The spec's guard of {@code ReadIndexRequest(i, r)} besides the read's own phase: {@code
   * commitIndex[i] > 0 /\ log[i][commitIndex[i]].term = currentTerm[i]}.
   */
  static boolean ownTermCommitted(SpecState t, String i) {
    long c = t.commitIndex(i);
    if (c == 0) {
      return false;
    }
    String entry = t.log(i).get((int) c - 1);
    return Long.parseLong(entry.substring(0, entry.indexOf('/'))) == t.currentTerm(i);
  }
}
