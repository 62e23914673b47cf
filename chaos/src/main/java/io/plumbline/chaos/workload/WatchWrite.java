package io.plumbline.chaos.workload;

import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * One write of the watch workload as the clients recorded it: the oracle the watch checker judges
 * every watcher against (never a second answer from the store under test).
 *
 * @param keys the keys it wrote, without the prefix (two for a txn {@code put-pair}, which etcd
 *     applies at one revision)
 * @param value the unique value it wrote to every key
 * @param revision the revision the store acknowledged it at, or -1 when the outcome is unknown
 * @param acknowledged true for an ok write (it must reach every watcher), false for an
 *     indeterminate (info) one (it may or may not)
 * @param invokedNanos when the client invoked it (history clock), or null when not recorded
 */
record WatchWrite(List<String> keys, String value, long revision, boolean acknowledged, Long invokedNanos) {
  WatchWrite {
    keys = List.copyOf(keys);
  }

  WatchWrite(List<String> keys, String value, long revision, boolean acknowledged) {
    this(keys, value, revision, acknowledged, null);
  }

  /** The ok and indeterminate writes of {@code history}; definitely failed ones had no effect and are left out. */
  static List<WatchWrite> of(History history) {
    List<WatchWrite> out = new ArrayList<>();
    for (Operation op : history.operations()) {
      if (op.outcome() == Operation.Outcome.FAIL) {
        continue;
      }
      List<String> keys = op.f().equals("put-pair") ? List.of("pair-a", "pair-b") : List.of(String.valueOf(op.key()));
      String value = String.valueOf(op.input());
      if (op.outcome() == Operation.Outcome.OK) {
        out.add(new WatchWrite(keys, value, revisionOf(op.output()), true, op.invoke().timeNanos()));
      } else {
        out.add(new WatchWrite(keys, value, -1, false, op.invoke().timeNanos()));
      }
    }
    return out;
  }

  /** An ok write's recorded result is {@code [value revision]}. */
  private static long revisionOf(Object output) {
    if (output instanceof List<?> l && l.size() == 2 && l.get(1) instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalArgumentException("an ok watch-workload write must record [value revision], not " + output);
  }

  @Override
  public String toString() {
    return (acknowledged ? "acknowledged" : "indeterminate") + " write " + keys + "=" + value
        + (revision < 0 ? "" : " at rev " + revision);
  }
}
