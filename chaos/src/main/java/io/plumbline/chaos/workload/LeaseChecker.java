package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Leases end no earlier than their TTL ({@link LeaseWorkload}), judged from the clients' clock: for
 * each acknowledged attach (invoked at {@code g}, acknowledged at {@code a}, granted TTL {@code t})
 * every ok read invoked after {@code a} and completed before {@code g + t} must list its key — the
 * store's lease began after {@code g}, so it cannot have ended yet. Unknown when fewer than
 * {@link #MIN_CHECKED} such (attach, read) pairs exist, and when the history holds clock faults
 * (a member whose clock jumps ahead ends leases early on its own clock: the client's bound does not
 * hold there).
 *
 * <p>Two rules need no clock: a key no attach wrote (none ok or indeterminate, invoked before the
 * read ended) is a phantom, and an acknowledged key that an ok read begun after the acknowledgement
 * missed (its lease ended) never comes back in a later read (one that began after that read ended):
 * the workload writes every key once and nothing else writes them.
 */
final class LeaseChecker {
  static final int MIN_CHECKED = 20;
  private static final int SHOWN = 10;

  private LeaseChecker() {}

  private record Attach(String id, long invokedNanos, long ackedNanos, long ttlSeconds) {}

  private record Read(Operation op, String describe, long invokedNanos, long completedNanos, Set<String> alive) {}

  static Workload.Verdict check(History history) {
    String name = "lease lifetime (client-timed)";
    if (history.events().stream().anyMatch(e -> !e.isClient() && e.f().startsWith("start-clock"))) {
      return new Workload.Verdict(name, Validity.UNKNOWN, "unknown: clock faults ran; a member's jumped clock may "
          + "end leases before the clients' bound", "");
    }
    List<Attach> attaches = new ArrayList<>();
    List<Read> reads = new ArrayList<>();
    for (Operation op : history.operations()) {
      if (op.outcome() != Operation.Outcome.OK || !timed(op)) {
        continue;
      }
      if (op.f().equals("attach")) {
        List<?> v = (List<?>) op.output();
        attaches.add(new Attach(String.valueOf(v.get(0)), op.invoke().timeNanos(), op.completion().timeNanos(),
            ((Number) v.get(1)).longValue()));
      } else if (op.f().equals("read")) {
        Set<String> alive = new HashSet<>();
        ((List<?>) op.output()).forEach(k -> alive.add(String.valueOf(k)));
        reads.add(new Read(op, op.describe().length() > 60 ? "p" + op.process() + " read" : op.describe(),
            op.invoke().timeNanos(), op.completion().timeNanos(), alive));
      }
    }
    long checked = 0;
    List<String> problems = new ArrayList<>();
    List<String> orderProblems = new ArrayList<>();
    Operation ordered = orderProblems(history.operations(), orderProblems);
    Read blamed = null;
    for (Attach a : attaches) {
      long bound = a.invokedNanos() + a.ttlSeconds() * 1_000_000_000L;
      for (Read r : reads) {
        if (r.invokedNanos() > a.ackedNanos() && r.completedNanos() < bound) {
          checked++;
          if (!r.alive().contains(a.id())) {
            blamed = blamed == null ? r : blamed;
            problems.add(String.format("key %s (lease of %d s granted by an attach invoked at %.3f s, acknowledged "
                + "at %.3f s) missing from %s [%.3f s .. %.3f s], %.3f s before its lease could end", a.id(),
                a.ttlSeconds(), a.invokedNanos() / 1e9, a.ackedNanos() / 1e9, r.describe(), r.invokedNanos() / 1e9,
                r.completedNanos() / 1e9, (bound - r.completedNanos()) / 1e9));
          }
        }
      }
    }
    problems.addAll(orderProblems); // after the lifetime ones: the blamed read is the first problem's
    String counts = attaches.size() + " acknowledged attaches, " + reads.size() + " ok reads, " + checked
        + " (attach, read) pairs inside a lease's TTL";
    if (!problems.isEmpty()) {
      return new Workload.Verdict(name, Validity.FALSE, "invalid: " + (problems.size() - orderProblems.size())
          + " key(s) gone before their lease's TTL, " + orderProblems.size() + " phantom or returning key(s); " + counts, String.join("\n", problems.subList(0, Math.min(SHOWN, problems.size())))
          + (problems.size() > SHOWN ? "\n… " + (problems.size() - SHOWN) + " more\n" : "\n"))
          .naming(BadOp.of(history.operations(), blamed != null ? blamed.op() : ordered, problems.get(0)),
              blamed != null ? "missed a key inside its lease's TTL" : "listed a key that was gone or never written");
    }
    if (checked < MIN_CHECKED) {
      return new Workload.Verdict(name, Validity.UNKNOWN, "unknown: too little evidence (at least " + MIN_CHECKED
          + " pairs needed); " + counts, "");
    }
    return new Workload.Verdict(name, Validity.TRUE, "valid: " + counts, "");
  }

  /**
   * The clock-free rules (phantom keys, keys that come back); adds their problems and returns the
   * first read that broke one, or null. Judged on history order, so untimed histories count too.
   */
  private static Operation orderProblems(List<Operation> ops, List<String> problems) {
    java.util.Map<String, Operation> attachOf = new java.util.HashMap<>();
    List<Operation> reads = new ArrayList<>();
    for (Operation op : ops) {
      if (op.f().equals("attach") && op.outcome() != Operation.Outcome.FAIL) {
        attachOf.putIfAbsent(String.valueOf(op.input()), op);
      } else if (op.f().equals("read") && op.outcome() == Operation.Outcome.OK) {
        reads.add(op);
      }
    }
    Operation first = null;
    for (Operation r : reads) {
      for (Object k : (List<?>) r.output()) {
        Operation a = attachOf.get(String.valueOf(k));
        if (a == null || a.callIndex() > r.returnIndex()) {
          first = first == null ? r : first;
          problems.add("phantom: " + shortly(r) + " lists key " + k + ", which no attach invoked before it wrote");
        }
      }
    }
    for (Operation a : attachOf.values()) {
      if (a.outcome() != Operation.Outcome.OK) {
        continue; // an indeterminate attach's put may still land later
      }
      String id = String.valueOf(a.input());
      Operation gone = null;
      for (Operation r : reads) {
        if (r.callIndex() > a.returnIndex() && !names(r, id) && (gone == null || r.returnIndex() < gone.returnIndex())) {
          gone = r;
        }
      }
      for (Operation r : reads) {
        if (gone != null && r.callIndex() > gone.returnIndex() && names(r, id)) {
          first = first == null ? r : first;
          problems.add("came back: key " + id + " missing from " + shortly(gone) + " (its lease had ended), then listed"
              + " by " + shortly(r) + ", which began after it");
          break;
        }
      }
    }
    return first;
  }

  private static boolean names(Operation read, String id) {
    return ((List<?>) read.output()).stream().anyMatch(k -> String.valueOf(k).equals(id));
  }

  private static String shortly(Operation op) {
    return op.describe().length() > 60 ? "p" + op.process() + " " + op.f() + " #" + op.id() : op.describe();
  }

  private static boolean timed(Operation op) {
    Op c = op.completion();
    return op.invoke().timeNanos() != null && c != null && c.timeNanos() != null;
  }
}
