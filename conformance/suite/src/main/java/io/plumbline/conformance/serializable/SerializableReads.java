package io.plumbline.conformance.serializable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pure verifiers for reads of a counter key that one writer raises 1, 2, 3, … (etcd API
 * guarantees: serializable reads may be stale but are always a committed state; linearizable
 * reads see every write acknowledged before they started).
 */
public final class SerializableReads {
  private SerializableReads() {}

  /** Serializable (and linearizable) reads return a state some write committed: a written value at its revision. */
  public static List<String> committed(List<CounterWrite> writes, List<CounterRead> reads) {
    Map<Long, CounterWrite> byValue = new HashMap<>();
    writes.forEach(w -> byValue.put(w.value(), w));
    List<String> problems = new ArrayList<>();
    for (CounterRead r : reads) {
      if (r.value() == 0) {
        continue;
      }
      CounterWrite w = byValue.get(r.value());
      if (w == null) {
        problems.add(r.describe() + ": no write of " + r.value() + " was ever sent");
      } else if (w.invokeNanos() > r.completeNanos()) {
        problems.add(r.describe() + ": read a value whose write was sent only after the read completed");
      } else if (w.revision() != 0 && w.revision() != r.modRevision()) {
        problems.add(r.describe() + ": the write of " + r.value() + " committed at revision " + w.revision()
            + ", not " + r.modRevision());
      }
    }
    return problems;
  }

  /**
   * A serializable read is never newer than a linearizable read that starts after it completed
   * allows: the counter only grows, so the later linearizable read must see at least as much.
   */
  public static List<String> notNewerThanLaterLinearizable(List<CounterRead> reads) {
    List<CounterRead> lin = reads.stream().filter(r -> !r.serializable())
        .sorted(Comparator.comparingLong(CounterRead::invokeNanos)).toList();
    long[] suffixMin = new long[lin.size() + 1];
    int[] argMin = new int[lin.size() + 1];
    suffixMin[lin.size()] = Long.MAX_VALUE;
    for (int i = lin.size() - 1; i >= 0; i--) {
      boolean smaller = lin.get(i).value() < suffixMin[i + 1];
      suffixMin[i] = smaller ? lin.get(i).value() : suffixMin[i + 1];
      argMin[i] = smaller ? i : argMin[i + 1];
    }
    List<String> problems = new ArrayList<>();
    for (CounterRead s : reads) {
      if (!s.serializable()) {
        continue;
      }
      int from = firstInvokedAfter(lin, s.completeNanos());
      if (from < lin.size() && suffixMin[from] < s.value()) {
        problems.add(s.describe() + " but a later " + lin.get(argMin[from]).describe() + ": the serializable read "
            + "returned a state newer than linearizable reads after it allow");
      }
    }
    return problems;
  }

  /** A linearizable read sees every write acknowledged before it was sent (no stale reads). */
  public static List<String> linearizableNotStale(List<CounterWrite> writes, List<CounterRead> reads) {
    List<CounterWrite> acked = writes.stream().filter(w -> w.completeNanos() != Long.MAX_VALUE)
        .sorted(Comparator.comparingLong(CounterWrite::completeNanos)).toList();
    List<String> problems = new ArrayList<>();
    for (CounterRead r : reads) {
      if (r.serializable()) {
        continue;
      }
      long mustSee = 0;
      for (CounterWrite w : acked) {
        if (w.completeNanos() >= r.invokeNanos()) {
          break;
        }
        mustSee = Math.max(mustSee, w.value());
      }
      if (r.value() < mustSee) {
        problems.add(r.describe() + ": stale, the write of " + mustSee + " was acknowledged before this read was sent");
      }
    }
    return problems;
  }

  private static int firstInvokedAfter(List<CounterRead> sorted, long t) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).invokeNanos() > t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
