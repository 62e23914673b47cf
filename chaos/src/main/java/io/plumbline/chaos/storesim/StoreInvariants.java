package io.plumbline.chaos.storesim;

import io.plumbline.store.mvcc.RevisionEvents;
import io.plumbline.store.node.StoreNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety checks of the whole-store simulation, after every step:
 *
 * <ul>
 *   <li><b>ElectionSafety</b>: at most one leader per term, across every member and restart;
 *   <li><b>DurableTerm</b>: a member never comes back with a lower term than it had persisted
 *       (its votes and acknowledgements promised that term);
 *   <li><b>MonotonicCommit</b>: within one run of a member its commit index never decreases;
 *   <li><b>WatchOrder</b>: each member's watch feed delivers revisions in increasing order, one
 *       revision at most once per run;
 *   <li><b>RevisionAgreement</b>: every member that applies revision r applies the same events
 *       (what any watcher on any member sees for r is the same); and a member restarted from a
 *       snapshot holds those events for the newest {@link #RESTORED_SAMPLE} revisions it restored
 *       (a restore decodes events only when read, so this is where the sim reads them back).
 * </ul>
 */
final class StoreInvariants {
  /** A broken check, named as above. */
  static final class Violation extends RuntimeException {
    private final String invariant;

    Violation(String invariant, String detail) {
      super(invariant + ": " + detail);
      this.invariant = invariant;
    }

    String invariant() {
      return invariant;
    }
  }

  static final int RESTORED_SAMPLE = 20;
  private final Map<Long, String> leaderOfTerm = new HashMap<>();
  /** Per member, what the checks remember (fields, not boxed map values: they are read every step). */
  private static final class Seen {
    long durableTerm;
    long commit = -1;
    long lastRevision;
  }

  private final Map<String, Seen> seen = new HashMap<>();
  /**
   * RevisionAgreement's record: at index r, {@link #APPLIED} plus the hash of the events the first
   * member to apply revision r applied, 0 while none has. Revisions are dense from 1, and every one
   * is looked up by each member: an array, not a map of boxed values.
   */
  private long[] eventsAt = new long[1024];
  private static final long APPLIED = 1L << 32;

  /** A member (re)started: its recovered term must cover what it persisted before. */
  void onStart(String name, int incarnation, StoreNode n) {
    Seen m = seen(name);
    long before = m.durableTerm;
    if (n.term() < before) {
      throw new Violation("DurableTerm", name + " restarted with term " + n.term() + " but had persisted term "
          + before);
    }
    m.commit = n.commitIndex();
    m.lastRevision = n.read(s -> s.currentRevision());
    restored(name, n.read(s -> List.copyOf(s.eventsSince(s.currentRevision() - RESTORED_SAMPLE + 1))));
  }

  /** RevisionAgreement for what a restart restored from its snapshot (reading them decodes them). */
  void restored(String name, List<RevisionEvents> newest) {
    for (RevisionEvents ev : newest) {
      long applied = appliedHash(ev.revision());
      if (applied != 0 && applied != (APPLIED | (ev.events().hashCode() & 0xFFFF_FFFFL))) {
        throw new Violation("RevisionAgreement", name + " restarted with other events at revision " + ev.revision()
            + " than were applied: " + ev.events());
      }
    }
  }

  void afterStep(String name, int incarnation, StoreNode n) {
    Seen m = seen(name);
    long term = n.term();
    m.durableTerm = Math.max(m.durableTerm, term);
    if (n.isLeader()) {
      String prev = leaderOfTerm.putIfAbsent(term, name);
      if (prev != null && !prev.equals(name)) {
        throw new Violation("ElectionSafety", name + " leads term " + term + ", which " + prev + " led");
      }
    }
    long c = n.commitIndex();
    long before = m.commit;
    m.commit = c;
    if (before >= 0 && c < before) {
      throw new Violation("MonotonicCommit", name + " commit went from " + before + " to " + c);
    }
  }

  /** What {@link #eventsAt} holds for {@code revision} (0: not applied yet). */
  private long appliedHash(long revision) {
    return revision >= 0 && revision < eventsAt.length ? eventsAt[(int) revision] : 0;
  }

  private Seen seen(String name) {
    return seen.computeIfAbsent(name, k -> new Seen());
  }

  /** A member's watch feed delivered one revision. */
  void onEvents(String name, int incarnation, RevisionEvents ev) {
    Seen m = seen(name);
    long last = m.lastRevision;
    if (ev.revision() <= last) {
      throw new Violation("WatchOrder", name + " delivered revision " + ev.revision() + " after " + last);
    }
    m.lastRevision = ev.revision();
    long h = APPLIED | (ev.events().hashCode() & 0xFFFF_FFFFL); // protobuf messages hash their content (memoized)
    long other = appliedHash(ev.revision());
    if (other == 0) {
      int r = Math.toIntExact(ev.revision());
      if (r >= eventsAt.length) {
        eventsAt = java.util.Arrays.copyOf(eventsAt, Math.max(r + 1, 2 * eventsAt.length));
      }
      eventsAt[r] = h;
    } else if (other != h) {
      throw new Violation("RevisionAgreement", name + " applied other events at revision " + ev.revision()
          + " than another member: " + ev.events().stream().map(e -> e.getType() + " "
          + e.getKv().getKey().toStringUtf8() + "=" + e.getKv().getValue().toStringUtf8()).toList());
    }
  }
}
