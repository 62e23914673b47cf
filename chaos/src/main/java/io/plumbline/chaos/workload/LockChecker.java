package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutual exclusion seen through a counter: each acknowledged {@code incr} read the counter and wrote
 * read + 1 under the lock. Then (1) no two acknowledged increments wrote the same value (both read
 * the same count: two holders at once), (2) the final count is at least the number of
 * acknowledged increments and at most that plus the indeterminate ones (none was lost), (3) the
 * counter never goes back: an ok read or increment that began after another ok one ended sees at
 * least its value (a stalled holder's late write of an old count, which indeterminate increments
 * would hide from (2)), and (4) no acknowledged increment wrote more than all increments together
 * can make.
 */
public final class LockChecker {
  private LockChecker() {}

  public static Workload.Verdict check(String name, History history) {
    Map<Long, Operation> byValue = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Operation blamed = null;
    String blamedWhat = "a second holder at once";
    long ok = 0;
    long maybe = 0;
    Long last = null;
    List<Operation> seen = new ArrayList<>(); // ok reads and increments: each shows the counter at one instant
    for (Operation op : history.operations()) {
      if (op.f().equals("read") && op.isDefinite()) {
        last = ((Number) op.output()).longValue();
        seen.add(op);
      }
      if (!op.f().equals("incr")) {
        continue;
      }
      if (op.outcome() == Operation.Outcome.INDETERMINATE) {
        maybe++;
      } else if (op.isDefinite()) {
        ok++;
        seen.add(op);
        long v = ((Number) op.output()).longValue();
        Operation earlier = byValue.putIfAbsent(v, op);
        if (earlier != null) {
          blamed = blamed == null ? op : blamed;
          problems.add("two holders wrote " + v + ": " + earlier.describe() + " at " + seconds(earlier) + " and "
              + op.describe() + " at " + seconds(op));
        }
      }
    }
    for (Operation op : seen) {
      if (op.f().equals("incr") && value(op) > ok + maybe) {
        blamedWhat = blamed == null ? "a count no run of increments makes" : blamedWhat;
        blamed = blamed == null ? op : blamed;
        problems.add("too high: " + op.describe() + " at " + seconds(op) + ", but " + ok + " acknowledged and "
            + maybe + " indeterminate increments can make at most " + (ok + maybe));
      }
    }
    Operation back = wentBack(seen, problems);
    blamedWhat = blamed == null ? "the counter went back" : blamedWhat;
    blamed = blamed == null ? back : blamed;
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
    return blamed == null ? v : v.naming(BadOp.of(history.operations(), blamed, problems.get(0)), blamedWhat);
  }

  /**
   * Adds a problem for each operation of {@code seen} that shows a lower count than one that ended
   * before it began (the counter went back); returns the first such operation, or null.
   */
  private static Operation wentBack(List<Operation> seen, List<String> problems) {
    Map<Operation, Long> values = new HashMap<>();
    seen.forEach(op -> values.put(op, value(op)));
    List<NeverGoesBack.Case> cases = NeverGoesBack.cases(values, values);
    for (NeverGoesBack.Case c : cases) {
      problems.add("went back: " + c.op().describe() + " at " + seconds(c.op()) + " began after "
          + c.before().describe() + " ended at " + seconds(c.before()) + " (a lost update)");
    }
    return cases.isEmpty() ? null : cases.get(0).op();
  }

  private static long value(Operation op) {
    return ((Number) op.output()).longValue();
  }

  private static String seconds(Operation op) {
    Long t = op.completion() == null ? null : op.completion().timeNanos();
    return t == null ? "?" : String.format("%.3f s", t / 1e9);
  }
}
