package io.plumbline.chaos.workload;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lease lifetimes ({@link LeaseWorkload}), judged from what the clients recorded: attach, keep-alive
 * and revoke invocations and answers, reads, and the Raft term of each ok answer. A <em>sight</em> of
 * a key is an ok operation that shows whether it is there: a read (listed or not), a keep-alive (ttl
 * above 0 or 0) or a revoke ({@code revoked} or {@code not-found}).
 *
 * <ul>
 *   <li><b>alive</b> (clients' clock): the store's lease began after the attach was invoked at
 *       {@code g} and each ok keep-alive invoked at {@code k} renewed it after {@code k}, so every
 *       sight invoked after the attach was acknowledged and ended before {@code max(g + ttl, k +
 *       ttl')} must see the key — unless a revoke (ok or indeterminate) was invoked before it ended.
 *       {@code ttl} is the TTL the clients asked for, or the store's answer when it is longer. A
 *       sight past {@code g + ttl} counts as <em>kept</em>: only a keep-alive explains it.
 *   <li><b>ended</b> (clients' clock, faults, terms): a correct store ends a lease within {@link
 *       #END_SLACK_NANOS} of {@code max(ack + ttl, k' + ttl)} over acknowledged keep-alives ending
 *       at {@code k'}, {@code ttl} the <em>requested</em> TTL, except that a new leader gives every
 *       lease it still holds its TTL again (etcd adds an election timeout). So the bound also takes
 *       {@code F + ttl} for each moment {@code F} before the sight ended at which some answer showed
 *       a term never shown before <em>and</em> a partition, kill or pause was on (or healed at most
 *       {@link #AFTER_HEAL_NANOS} before) that <em>began</em> no later than the bound so far plus
 *       the slack: a promotion renews only a lease not yet revoked, and only a fault can have held
 *       the revoke back past the slack. The term is the store's word and only narrows what the
 *       clients' record allows (the fault's window, the lease's own bound); the store cannot renew,
 *       by the very answer that shows a new term, a lease the clients' bound had already ended. A sight
 *       invoked past the bound must not see the key; one that sees it is invalid when even the
 *       store's word (a granted TTL above the requested one, a new term no fault explains) cannot
 *       excuse it, and makes the verdict unknown, naming the excuse, when only that word does. Not
 *       judged for a key with an indeterminate keep-alive (it may renew at any time).
 *   <li><b>revoked</b> (history order): after an acknowledged revoke, no sight sees the key.
 *   <li><b>no phantom, no return</b> (history order): a key no attach wrote (none ok or
 *       indeterminate, invoked before the read ended) is a phantom; a key a sight after its
 *       acknowledgement missed never comes back.
 * </ul>
 *
 * A violation is invalid however little else was seen; otherwise each timed rule needs its minimum of
 * (key, sight) pairs, else unknown. With clock faults in the history (a member's jumped clock ends
 * leases on its own time) only the history-order rules judge, and a clean run is unknown.
 */
final class LeaseChecker {
  static final int MIN_CHECKED = 20;
  static final int MIN_KEPT = 10;
  static final int MIN_ENDED = 20;
  static final int MIN_REVOKED = 10;
  /**
   * How long past its bound a correct store may still show a lease's key: etcd checks expiry every
   * 0.5 s, retries a revoke that did not commit after 3 s, and adds an election timeout (1 s by
   * default) on promotion; a new leader's apply may lag the first answer of its term.
   */
  static final long END_SLACK_NANOS = 6_000_000_000L;
  /** The TTL every attach asks for: the clients' own number, unlike the granted TTL in the store's answer. */
  static final long REQUESTED_TTL_NANOS = LeaseWorkload.TTL_SECONDS * 1_000_000_000L;
  /**
   * How long after a fault's heal a new term may first be shown and still be explained by it (a
   * restarted or resumed member, a rejoining ex-leader; the first answer of the term comes later).
   */
  static final long AFTER_HEAL_NANOS = 6_000_000_000L;
  /** The nemesis events that can change the leader: a partition, kill or pause taking effect. */
  private static final java.util.Set<String> LEADER_FAULTS = java.util.Set.of("start-partition", "start-kill",
      "start-pause");
  private static final long S = 1_000_000_000L;
  private static final int SHOWN = 10;

  private LeaseChecker() {}

  /** One ok operation's view of one key; times are null in an untimed history. */
  private record Sight(Operation op, boolean present, Long term) {
    long invoked() {
      return op.invoke().timeNanos();
    }

    long completed() {
      return op.completion().timeNanos();
    }
  }

  /** Everything recorded about one key: its first attach that may have written it, keep-alives, revokes, sights. */
  private static final class Key {
    Operation attach;
    final List<Operation> keepalives = new ArrayList<>();
    final List<Operation> revokes = new ArrayList<>();
    final List<Sight> sights = new ArrayList<>();

    boolean timedOk() {
      return attach != null && attach.outcome() == Operation.Outcome.OK && timed(attach);
    }

    long ttlNanos() {
      return ((Number) ((List<?>) attach.output()).get(1)).longValue() * S;
    }
  }

  /** Counts of (key, sight) pairs each timed rule judged. */
  private static final class Counts {
    long checked;
    long kept;
    long ended;
    long revoked;
  }

  static Workload.Verdict check(History history) {
    String name = "lease lifetime (client-timed)";
    boolean clockFaults = history.events().stream().anyMatch(e -> !e.isClient() && e.f().startsWith("start-clock"));
    List<Operation> ops = history.operations();
    Map<String, Key> keys = keys(ops);
    List<Operation> reads = ops.stream().filter(o -> o.f().equals("read") && o.outcome() == Operation.Outcome.OK)
        .toList();
    List<Problem> problems = new ArrayList<>();
    phantoms(reads, keys, problems);
    Counts n = new Counts();
    Terms terms = Terms.of(history, ops);
    List<String> excused = new ArrayList<>();
    for (Map.Entry<String, Key> e : keys.entrySet()) {
      orderRules(e.getKey(), e.getValue(), problems);
      if (!clockFaults && e.getValue().timedOk()) {
        aliveRule(e.getKey(), e.getValue(), n, problems);
        endedRule(e.getKey(), e.getValue(), terms, n, problems, excused);
      }
    }
    String counts = count(ops, "attach") + " acknowledged attaches, " + reads.size() + " ok reads, "
        + count(ops, "keepalive") + " ok keep-alives, " + count(ops, "revoke") + " ok revokes; (key, sight) pairs: "
        + n.checked + " inside a lease's life (" + n.kept + " of them thanks to a keep-alive), " + n.ended
        + " after it must have ended, " + n.revoked + " after a revoke";
    if (!problems.isEmpty()) {
      Problem first = problems.get(0);
      List<String> lines = problems.stream().map(Problem::text).toList();
      return new Workload.Verdict(name, Validity.FALSE, "invalid: " + problems.size() + " problem(s); " + counts,
          String.join("\n", lines.subList(0, Math.min(SHOWN, lines.size())))
              + (lines.size() > SHOWN ? "\n… " + (lines.size() - SHOWN) + " more\n" : "\n"))
          .naming(BadOp.of(ops, first.op(), first.text()), first.what());
    }
    if (clockFaults) {
      return new Workload.Verdict(name, Validity.UNKNOWN, "unknown: clock faults ran; a member's jumped clock may "
          + "end leases before the clients' bound; " + counts, "");
    }
    if (!excused.isEmpty()) {
      return new Workload.Verdict(name, Validity.UNKNOWN, "unknown: " + excused.size() + " sight(s) of a key past "
          + "the end the clients can vouch for, excused only by the store's word (first: " + excused.get(0) + "); "
          + counts, String.join("\n", excused.subList(0, Math.min(SHOWN, excused.size())))
          + (excused.size() > SHOWN ? "\n… " + (excused.size() - SHOWN) + " more\n" : "\n"));
    }
    List<String> shortOf = new ArrayList<>();
    need(shortOf, n.checked, MIN_CHECKED, "inside a lease's life");
    need(shortOf, n.kept, MIN_KEPT, "kept alive past the TTL");
    need(shortOf, n.ended, MIN_ENDED, "after a lease must have ended");
    need(shortOf, n.revoked, MIN_REVOKED, "after a revoke");
    if (!shortOf.isEmpty()) {
      return new Workload.Verdict(name, Validity.UNKNOWN, "unknown: too little evidence (" + String.join(", ", shortOf)
          + "); " + counts, "");
    }
    return new Workload.Verdict(name, Validity.TRUE, "valid: " + counts, "");
  }

  private record Problem(Operation op, String text, String what) {}

  private static void need(List<String> out, long have, int min, String what) {
    if (have < min) {
      out.add(have + " of " + min + " pairs " + what);
    }
  }

  private static long count(List<Operation> ops, String f) {
    return ops.stream().filter(o -> o.f().equals(f) && o.outcome() == Operation.Outcome.OK).count();
  }

  /** Per key (in order of first mention): attach, keep-alives, revokes and sights, from every operation. */
  private static Map<String, Key> keys(List<Operation> ops) {
    Map<String, Key> keys = new LinkedHashMap<>();
    for (Operation op : ops) {
      switch (op.f()) {
        case "attach" -> {
          Key k = keys.computeIfAbsent(String.valueOf(op.input()), x -> new Key());
          if (op.outcome() != Operation.Outcome.FAIL && k.attach == null) {
            k.attach = op;
          }
        }
        case "keepalive", "revoke" -> {
          Key k = keys.computeIfAbsent(String.valueOf(op.input()), x -> new Key());
          (op.f().equals("revoke") ? k.revokes : k.keepalives).add(op);
          if (op.outcome() == Operation.Outcome.OK) {
            k.sights.add(new Sight(op, op.f().equals("revoke") ? "revoked".equals(op.output()) : ttl(op) > 0,
                term(op)));
          }
        }
        default -> { }
      }
    }
    for (Operation op : ops) {
      if (op.f().equals("read") && op.outcome() == Operation.Outcome.OK) {
        List<String> listed = ((List<?>) op.output()).stream().map(String::valueOf).toList();
        keys.forEach((id, k) -> k.sights.add(new Sight(op, listed.contains(id), term(op))));
      }
    }
    keys.values().forEach(k -> k.sights.sort((a, b) -> Integer.compare(a.op().callIndex(), b.op().callIndex())));
    return keys;
  }

  private static void phantoms(List<Operation> reads, Map<String, Key> keys, List<Problem> problems) {
    for (Operation r : reads) {
      for (Object listed : (List<?>) r.output()) {
        Key k = keys.get(String.valueOf(listed));
        if (k == null || k.attach == null || k.attach.callIndex() > r.returnIndex()) {
          problems.add(new Problem(r, "phantom: " + shortly(r) + " lists key " + listed + ", which no attach invoked "
              + "before it wrote", "listed a key no attach wrote"));
        }
      }
    }
  }

  /** Clock-free: a key missed after its acknowledgement never comes back; a revoked lease's key is gone. */
  private static void orderRules(String id, Key k, List<Problem> problems) {
    if (k.attach != null && k.attach.outcome() == Operation.Outcome.OK) {
      Sight gone = k.sights.stream().filter(s -> !s.present() && s.op().callIndex() > k.attach.returnIndex())
          .findFirst().orElse(null);
      k.sights.stream().filter(s -> gone != null && s.present() && s.op().callIndex() > gone.op().returnIndex())
          .findFirst().ifPresent(s -> problems.add(new Problem(s.op(), "came back: key " + id + " missing from "
              + shortly(gone.op()) + " (its lease had ended), then seen by " + shortly(s.op()) + ", which began after"
              + " it", "saw a key that was gone")));
    }
    for (Operation r : k.revokes) {
      if (r.outcome() == Operation.Outcome.OK && "revoked".equals(r.output())) {
        k.sights.stream().filter(s -> s.present() && s.op().callIndex() > r.returnIndex()).findFirst()
            .ifPresent(s -> problems.add(new Problem(s.op(), "revoked: key " + id + " seen by " + shortly(s.op())
                + ", which began after " + shortly(r) + " was acknowledged", "saw a revoked lease's key")));
      }
    }
  }

  /**
   * The alive rule, and the revoked pairs that would have had to see the key without the revoke. A
   * lease lives at least the TTL the clients asked for (etcd only ever raises it), or longer when
   * the store said so: a store that grants or renews less than was asked cannot shorten the bound.
   */
  private static void aliveRule(String id, Key k, Counts n, List<Problem> problems) {
    long granted = k.attach.invoke().timeNanos();
    long acked = k.attach.completion().timeNanos();
    long ttl = Math.max(REQUESTED_TTL_NANOS, k.ttlNanos());
    long ttlEnd = granted + ttl;
    long aliveUntil = ttlEnd;
    for (Operation ka : k.keepalives) {
      if (ka.outcome() == Operation.Outcome.OK && timed(ka) && ttl(ka) > 0) {
        aliveUntil = Math.max(aliveUntil, ka.invoke().timeNanos() + Math.max(REQUESTED_TTL_NANOS, ttl(ka) * S));
      }
    }
    long revokedFrom = Long.MAX_VALUE;
    Operation revokedBy = null;
    for (Operation r : k.revokes) {
      boolean mayHaveRevoked = r.outcome() == Operation.Outcome.INDETERMINATE
          || (r.outcome() == Operation.Outcome.OK && "revoked".equals(r.output()));
      if (mayHaveRevoked && timed(r) && r.invoke().timeNanos() < revokedFrom) {
        revokedFrom = r.invoke().timeNanos();
        revokedBy = r.outcome() == Operation.Outcome.OK ? r : null;
      }
    }
    for (Sight s : k.sights) {
      if (!timed(s.op()) || s.invoked() <= acked || s.completed() >= aliveUntil) {
        continue;
      }
      if (s.completed() >= revokedFrom) {
        if (revokedBy != null && s.op().callIndex() > revokedBy.returnIndex()) {
          n.revoked++;
        }
        continue;
      }
      n.checked++;
      n.kept += s.completed() > ttlEnd ? 1 : 0;
      if (!s.present()) {
        problems.add(new Problem(s.op(), String.format("key %s (lease of %d s granted by an attach invoked at %.3f s, "
            + "acknowledged at %.3f s, alive at least until %.3f s by its keep-alives) missing from %s [%.3f s .. "
            + "%.3f s], %.3f s before its lease could end", id, ttl / S, granted / 1e9, acked / 1e9,
            aliveUntil / 1e9, shortly(s.op()), s.invoked() / 1e9, s.completed() / 1e9,
            (aliveUntil - s.completed()) / 1e9), "missed a key inside its lease's TTL"));
      }
    }
  }

  /**
   * The ended rule: a sight invoked past the latest end a correct store allows must not see the key.
   * The bound the clients vouch for uses the TTL they asked for ({@link LeaseWorkload#TTL_SECONDS})
   * and only the new terms a fault explains; the store's word (a granted or renewed TTL above the
   * requested one, a new term no fault explains) may excuse a sight past it, but an excused sight
   * makes the verdict unknown, never valid.
   */
  private static void endedRule(String id, Key k, Terms terms, Counts n, List<Problem> problems,
      List<String> excused) {
    if (k.keepalives.stream().anyMatch(ka -> ka.outcome() == Operation.Outcome.INDETERMINATE)) {
      return; // may renew the lease at any time: no end can be bounded
    }
    long asked = REQUESTED_TTL_NANOS;
    long granted = k.ttlNanos();
    long acked = k.attach.completion().timeNanos();
    for (Sight s : k.sights) {
      if (!timed(s.op())) {
        continue;
      }
      long end = acked + asked; // what the clients can vouch for
      long claimed = acked + Math.max(asked, granted); // what the store's own word allows
      List<String> words = new ArrayList<>();
      if (granted > asked) {
        words.add("granted TTL " + granted / S + " s above the requested " + asked / S + " s");
      }
      for (Operation ka : k.keepalives) {
        if (ka != s.op() && ka.outcome() == Operation.Outcome.OK && timed(ka) && ttl(ka) > 0
            && ka.invoke().timeNanos() < s.completed()) {
          end = Math.max(end, ka.completion().timeNanos() + Math.min(asked, ttl(ka) * S));
          claimed = Math.max(claimed, ka.completion().timeNanos() + Math.max(asked, ttl(ka) * S));
          if (ttl(ka) * S > asked) {
            words.add("keep-alive answered ttl " + ttl(ka) + " s above the requested " + asked / S + " s");
          }
        }
      }
      Long late = null; // a vouched term whose fault began after this lease must have been revoked
      for (Map.Entry<Long, Long> t : terms.corroborated.headMap(s.completed(), true).entrySet()) {
        if (t.getValue() <= end + END_SLACK_NANOS) {
          end = Math.max(end, t.getKey() + asked);
        } else {
          late = t.getKey();
        }
      }
      Long shown = terms.firstShown.floor(s.completed());
      if (shown != null) {
        claimed = Math.max(claimed, shown + Math.max(asked, granted));
        if (!terms.corroborated.containsKey(shown) && shown + asked > end) {
          words.add(String.format("a new term first shown at %.3f s that no fault explains", shown / 1e9));
        }
      }
      if (late != null && late + asked > end) {
        words.add(String.format("a new term first shown at %.3f s during a fault that began at %.3f s, after the "
            + "lease's %.3f s end plus %d s slack (a promotion renews only a lease not yet revoked)", late / 1e9,
            terms.corroborated.get(late) / 1e9, (end) / 1e9, END_SLACK_NANOS / S));
      }
      if (s.invoked() <= end + END_SLACK_NANOS) {
        continue;
      }
      if (!s.present()) {
        n.ended++;
      } else if (s.invoked() > Math.max(end, claimed) + END_SLACK_NANOS) {
        problems.add(new Problem(s.op(), String.format("outlived: key %s seen by %s [%.3f s .. %.3f s], %.3f s past "
            + "%.3f s, the latest end of its lease (acknowledged at %.3f s, %d s TTL, last keep-alive answered or new "
            + "term seen by then) plus %d s slack", id, shortly(s.op()), s.invoked() / 1e9, s.completed() / 1e9,
            (s.invoked() - Math.max(end, claimed) - END_SLACK_NANOS) / 1e9, Math.max(end, claimed) / 1e9,
            acked / 1e9, Math.max(asked, granted) / S, END_SLACK_NANOS / S), "saw a key whose lease must have ended"));
      } else {
        excused.add(String.format("key %s seen by %s [%.3f s .. %.3f s], %.3f s past %.3f s (the end the clients can "
            + "vouch for, plus %d s slack), excused only by the store's word: %s", id, shortly(s.op()),
            s.invoked() / 1e9, s.completed() / 1e9, (s.invoked() - end - END_SLACK_NANOS) / 1e9, end / 1e9,
            END_SLACK_NANOS / S, words.isEmpty() ? "its answers" : String.join("; ", words)));
      }
    }
  }

  /**
   * When each Raft term was first shown by an ok answer (by completion time), and which of those
   * times a fault explains, with the start of the earliest such fault: the store's term is its own
   * word, so a new term excuses a longer lease (a new leader gives every lease it holds its TTL
   * again) only when a partition, kill or pause that took effect was on, or healed at most {@link
   * #AFTER_HEAL_NANOS} before, when the term was first shown, and only for a lease that may still
   * have existed when that fault began.
   */
  private record Terms(TreeSet<Long> firstShown, TreeMap<Long, Long> corroborated) {
    static Terms of(History history, List<Operation> ops) {
      Map<Long, Long> first = new HashMap<>();
      for (Operation op : ops) {
        Long t = term(op);
        if (t != null && timed(op)) {
          first.merge(t, op.completion().timeNanos(), Math::min);
        }
      }
      List<long[]> faults = new ArrayList<>(); // [from, until]
      long[] open = null;
      for (Op e : history.events()) {
        if (e.isClient() || e.timeNanos() == null) {
          continue;
        }
        if (LEADER_FAULTS.contains(e.f()) && !e.extra().containsKey("error")) {
          open = new long[] {e.timeNanos(), Long.MAX_VALUE};
          faults.add(open);
        } else if (e.f().startsWith("stop-") && open != null) {
          open[1] = e.timeNanos() + AFTER_HEAL_NANOS;
          open = null;
        }
      }
      TreeSet<Long> shown = new TreeSet<>(first.values());
      TreeMap<Long, Long> vouched = new TreeMap<>(); // first shown -> start of the earliest fault explaining it
      for (long f : shown) {
        faults.stream().filter(w -> w[0] <= f && f <= w[1]).mapToLong(w -> w[0]).min()
            .ifPresent(began -> vouched.put(f, began));
      }
      return new Terms(shown, vouched);
    }
  }

  private static Long term(Operation op) {
    Op c = op.completion();
    Object t = c == null || op.outcome() != Operation.Outcome.OK ? null : c.extra().get(Completion.RAFT_TERM);
    return t instanceof Number num ? num.longValue() : null;
  }

  private static long ttl(Operation keepalive) {
    return ((Number) ((List<?>) keepalive.output()).get(1)).longValue();
  }

  private static String shortly(Operation op) {
    return op.describe().length() > 60 ? "p" + op.process() + " " + op.f() + " #" + op.id() : op.describe();
  }

  private static boolean timed(Operation op) {
    Op c = op.completion();
    return op.invoke().timeNanos() != null && c != null && c.timeNanos() != null;
  }
}
