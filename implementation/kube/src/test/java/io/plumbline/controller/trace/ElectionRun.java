package io.plumbline.controller.trace;

import io.plumbline.controller.ElectionBug;
import io.plumbline.controller.ElectionConfig;
import io.plumbline.controller.LeaseElection;
import io.plumbline.controller.LeaseRecord;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic run of several {@link LeaseElection} candidates, as {@code LeaderElector} drives
 * them (a leader first checks its renew deadline, then renews; the others try to acquire), on a
 * shared fake clock in whole ticks of one retry period, against one Lease with compare-and-swap on
 * its revision. In each tick the active candidates first read the Lease, then write in a seeded
 * order, so simultaneous acquisitions conflict. A seeded scheduler pauses candidates for a few
 * ticks (GC, CPU starvation), and every ten ticks stalls the holder for a lease duration or more:
 * it is deposed once its lease expires, and steps down when it runs again. Every step is recorded as an {@link Event} named after its spec action.
 */
final class ElectionRun {
  /** One tick of the fake clock, in ms: the spec's RetryPeriod. */
  static final long TICK_MS = 1_000;
  /** The spec's bounds in ticks: LeaseDuration 4, RenewDeadline 2, RetryPeriod 1. */
  static final long LEASE_TICKS = 4;
  static final long RENEW_DEADLINE_TICKS = 2;

  /** One trace event: the spec action, its candidate, its clock and what it read or wrote. */
  record Event(String action, String candidate, long clock, String holder, long renewTime,
      long transitions, String intent) {}

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final List<Event> events = new ArrayList<>();
  private LeaseRecord lease = new LeaseRecord("", (int) LEASE_TICKS, "", "", 0);
  private long revision = 1;

  /** The events of {@code candidates} candidates over {@code ticks} ticks, seeded. */
  static List<Event> record(long seed, int candidates, int ticks, Set<ElectionBug> bugs) {
    return new ElectionRun().run(new Random(seed), candidates, ticks, bugs);
  }

  private List<Event> run(Random random, int candidates, int ticks, Set<ElectionBug> bugs) {
    List<LeaseElection> elections = new ArrayList<>();
    long[] pausedUntil = new long[candidates];
    for (int i = 0; i < candidates; i++) {
      String id = "c" + (i + 1);
      ElectionConfig config = new ElectionConfig("kube-system", "cm", id, LEASE_TICKS * TICK_MS,
          RENEW_DEADLINE_TICKS * TICK_MS, TICK_MS);
      elections.add(new LeaseElection(config, (action, c, nowMs, l, intent) ->
          events.add(event(action, c, nowMs, l, intent)), bugs));
    }
    for (long t = 0; t <= ticks; t++) {
      long now = t * TICK_MS;
      for (int i = 0; i < candidates; i++) {
        if (t >= pausedUntil[i] && random.nextInt(10) == 0) {
          pausedUntil[i] = t + 1 + random.nextInt(7); // up to well past a lease duration
        }
      }
      if (t % 10 == 5 && !lease.holderIdentity().isEmpty()) {
        // the holder stalls for a lease duration or longer: it is deposed and must step down
        int holder = Integer.parseInt(lease.holderIdentity().substring(1)) - 1;
        pausedUntil[holder] = t + LEASE_TICKS + random.nextInt(4);
      }
      List<Integer> active = new ArrayList<>();
      for (int i = 0; i < candidates; i++) {
        if (t >= pausedUntil[i] && !elections.get(i).stepDown(now)) {
          active.add(i);
        }
      }
      java.util.Collections.shuffle(active, random);
      List<LeaseElection.Decision> decisions = new ArrayList<>();
      List<Long> readRevisions = new ArrayList<>();
      for (int i : active) {
        decisions.add(elections.get(i).decide(Optional.of(lease), now, microTime(now)));
        readRevisions.add(revision);
      }
      for (int k = 0; k < active.size(); k++) {
        LeaseElection.Decision d = decisions.get(k);
        if (d.kind() != LeaseElection.Decision.Kind.UPDATE) {
          continue;
        }
        LeaseElection e = elections.get(active.get(k));
        if (readRevisions.get(k) == revision) {
          lease = d.record();
          revision++;
          e.written(d.record(), now);
        } else {
          e.conflicted(now);
        }
      }
    }
    return List.copyOf(events);
  }

  private static Event event(String action, String c, long nowMs, LeaseRecord l, String intent) {
    return new Event(action, c, nowMs / TICK_MS, l == null ? "" : l.holderIdentity(),
        l == null ? 0 : ticksOf(l.renewTime()), l == null ? 0 : l.leaseTransitions(),
        intent == null ? "" : intent);
  }

  private static String microTime(long ms) {
    return MICRO_TIME.format(Instant.ofEpochMilli(ms));
  }

  private static long ticksOf(String microTime) {
    return microTime.isEmpty() ? 0 : Instant.parse(microTime).toEpochMilli() / TICK_MS;
  }
}
