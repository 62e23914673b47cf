package io.plumbline.controller.trace;

import io.plumbline.apiserver.api.LeaseTraceEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Orders the events of one real run as a linearization the spec can replay.
 *
 * <p>Every step that touches the Lease is placed in a <em>window</em>: the Lease revision in the
 * store (etcd's mod revision, a total order of the Lease's writes) whose state it saw. An
 * {@code UpdateSucceeds} opens the window of the revision it wrote; a {@code Get} lies in the
 * window it read; an {@code UpdateConflicts} in the window of the first Lease write after the
 * revision its candidate read (the write that made its compare-and-swap fail); a
 * {@code WriteLands} in the window of the last Lease write before the store revision at which the
 * write committed (the store's fact, not the fence's word); a {@code WriteRejected} in the window
 * the fence checked. Each candidate runs two programs, each kept in order:
 * its elector loop (Get, UpdateSucceeds, UpdateConflicts, StepDown) and its writer (StartWrite,
 * then the fence's event for that write; the fence names no writer, but a generation has exactly
 * one holder, so the event's term names it). A step placed before its program's previous step
 * moves up to that step's window; a StartWrite also moves up to its candidate's elector steps so
 * far (so it follows the write that made it leader, even a re-acquire after a StepDown), and a
 * StepDown up to its candidate's writer steps so far (StartWrite and StepDown are emitted under
 * one lock, so emission order is their order). Events are sorted by (window, the Lease write
 * opening it first, emission order).
 *
 * <p>Why this is a valid linearization: each event lies after the Lease write that opens its
 * window and, in real time, before the next Lease write (a read saw that revision; a CAS or a
 * guarded write committed against it; a moved step happened after the step it moved to, which
 * was before the next write). Within a window the Lease does not change, so the events there
 * commute except through one candidate's state, which emission order keeps in program order.
 * The two programs of one candidate commute except where one reads what the other wrote: a
 * StartWrite reads leading and term, which only UpdateSucceeds and StepDown change, and those are
 * ordered against it as said. Clocks become
 * milliseconds since the earliest clocked event.
 */
final class TraceMerge {
  private TraceMerge() {}

  /** One event in the spec's terms (TraceLeaseElection.tla's fields). */
  record Entry(String action, String c, long clock, String holder, long renewTime,
      long transitions, String intent, long term) {}

  private record Placed(long window, int opensWindow, long seq, LeaseTraceEvent event) {}

  static List<Entry> merge(List<TraceRecorder.Emitted> emitted) {
    TreeSet<Long> leaseWrites = new TreeSet<>();
    Map<Long, String> holderOfTerm = new HashMap<>();
    for (TraceRecorder.Emitted e : emitted) {
      if (e.event().action().equals("UpdateSucceeds")) {
        leaseWrites.add(e.event().leaseRevision());
        holderOfTerm.put(e.event().transitions(), e.event().actor());
      }
    }
    Map<String, Long> elector = new HashMap<>();
    Map<String, Long> writer = new HashMap<>();
    Map<String, Long> lastRead = new HashMap<>();
    List<Placed> placed = new ArrayList<>();
    for (TraceRecorder.Emitted e : emitted) {
      LeaseTraceEvent ev = e.event();
      String c = ev.actor();
      long window = switch (ev.action()) {
        case "Get" -> {
          lastRead.put(c, ev.leaseRevision());
          yield Math.max(ev.leaseRevision(), elector.getOrDefault(c, -1L));
        }
        case "UpdateConflicts" -> {
          Long beaten = leaseWrites.higher(lastRead.getOrDefault(c, -1L));
          if (beaten == null) {
            throw new IllegalStateException("a conflict no traced Lease write explains: " + ev);
          }
          yield Math.max(beaten, elector.getOrDefault(c, -1L));
        }
        case "UpdateSucceeds" -> Math.max(ev.leaseRevision(), elector.getOrDefault(c, -1L));
        case "StepDown", "StartWrite" ->
            Math.max(elector.getOrDefault(c, -1L), writer.getOrDefault(c, -1L));
        case "WriteLands" -> { // the Lease as it was when the write committed
          Long before = leaseWrites.lower(ev.writeRevision());
          yield before == null ? -1 : before;
        }
        default -> ev.leaseRevision(); // WriteRejected: the Lease revision the fence checked
      };
      if (ev.actor().equals("fence")) {
        writer.merge(holderOfTerm.getOrDefault(ev.term(), "?"), window, Math::max);
      } else if (ev.action().equals("StartWrite")) {
        writer.put(c, window);
      } else {
        elector.put(c, window);
      }
      placed.add(new Placed(window, ev.action().equals("UpdateSucceeds") ? 0 : 1, e.seq(), ev));
    }
    placed.sort(Comparator.comparingLong(Placed::window).thenComparingInt(Placed::opensWindow)
        .thenComparingLong(Placed::seq));
    long origin = emitted.stream().map(TraceRecorder.Emitted::event)
        .filter(TraceMerge::clocked).mapToLong(LeaseTraceEvent::clockMs).min().orElse(0);
    return placed.stream().map(p -> entry(p.event(), origin)).toList();
  }

  /** Steps whose spec action reads the candidate's clock. */
  static boolean clocked(LeaseTraceEvent e) {
    return List.of("Get", "UpdateSucceeds", "UpdateConflicts", "StepDown").contains(e.action());
  }

  private static Entry entry(LeaseTraceEvent e, long origin) {
    return new Entry(e.action(), e.actor(), clocked(e) ? e.clockMs() - origin : 0, e.holder(),
        e.renewTimeMs() == 0 ? 0 : e.renewTimeMs() - origin, e.transitions(), e.intent(),
        e.term());
  }
}
