package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutual exclusion seen through a counter: each acknowledged {@code incr} read the counter and wrote
 * read + 1 under the lock. Then (1) no two acknowledged increments wrote the same value (both read
 * the same count: two holders at once), and (2) the final count is at least the number of
 * acknowledged increments and at most that plus the indeterminate ones (none was lost).
 */
public final class LockChecker {
  private LockChecker() {}

  public static Workload.Verdict check(String name, History history) {
    Map<Long, Operation> byValue = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Operation blamed = null;
    long ok = 0;
    long maybe = 0;
    Long last = null;
    for (Operation op : history.operations()) {
      if (op.f().equals("read") && op.isDefinite()) {
        last = ((Number) op.output()).longValue();
      }
      if (!op.f().equals("incr")) {
        continue;
      }
      if (op.outcome() == Operation.Outcome.INDETERMINATE) {
        maybe++;
      } else if (op.isDefinite()) {
        ok++;
        long v = ((Number) op.output()).longValue();
        Operation earlier = byValue.putIfAbsent(v, op);
        if (earlier != null) {
          blamed = blamed == null ? op : blamed;
          problems.add("two holders wrote " + v + ": " + earlier.describe() + " at " + seconds(earlier) + " and "
              + op.describe() + " at " + seconds(op));
        }
      }
    }
    if (last == null) {
      problems.add("no final read of the counter succeeded");
    } else if (last < ok || last > ok + maybe) {
      problems.add("final counter " + last + " but " + ok + " acknowledged and " + maybe
          + " indeterminate increments: " + (last < ok ? (ok - last) + " acknowledged increments were lost" : "too high"));
    }
    if (problems.isEmpty() && ok == 0) { // e.g. a store without the Lock service refuses every lock call
      return new Workload.Verdict("mutual exclusion (" + name + ")", Validity.UNKNOWN,
          "unknown: no acknowledged increment, nothing was locked; final counter " + last, "");
    }
    String summary = problems.isEmpty()
        ? "valid: " + ok + " acknowledged increments, " + maybe + " indeterminate, final counter " + last
        : "invalid: " + problems.size() + " problem(s); " + ok + " acknowledged increments, final counter " + last;
    Workload.Verdict v = new Workload.Verdict("mutual exclusion (" + name + ")", problems.isEmpty() ? Validity.TRUE
        : Validity.FALSE, summary, problems.isEmpty() ? "" : String.join("\n", problems.subList(0, Math.min(20,
        problems.size()))) + "\n");
    Operation second = blamed;
    return second == null ? v : v.naming(BadOp.of(history.operations(), second, problems.get(0)),
        "a second holder at once");
  }

  private static String seconds(Operation op) {
    Long t = op.completion() == null ? null : op.completion().timeNanos();
    return t == null ? "?" : String.format("%.3f s", t / 1e9);
  }
}
