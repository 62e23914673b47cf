package io.plumbline.conformance.txn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pure verifier for transaction atomicity: when every transaction writes the same value to all of
 * a set of keys, no read may see the keys holding different values (a partial effect), and all of
 * one transaction's writes carry one revision.
 */
public final class TxnAtomicity {
  private TxnAtomicity() {}

  /**
   * @param keys the keys every transaction writes together
   * @param snapshots reads of those keys (each one atomic request: a range or a read-only txn)
   * @return problems, empty when every snapshot shows whole transactions only
   */
  public static List<String> verify(List<String> keys, List<Snapshot> snapshots) {
    List<String> problems = new ArrayList<>();
    for (Snapshot s : snapshots) {
      Set<String> values = new HashSet<>();
      Set<Long> revisions = new HashSet<>();
      for (String k : keys) {
        values.add(s.values().getOrDefault(k, "<absent>"));
        revisions.add(s.modRevisions().getOrDefault(k, 0L));
      }
      if (values.size() > 1) {
        problems.add(s.description() + " saw a partial transaction: values " + s.values());
      } else if (revisions.size() > 1) {
        problems.add(s.description() + " saw one transaction's writes at different revisions " + s.modRevisions());
      }
    }
    return problems;
  }
}
