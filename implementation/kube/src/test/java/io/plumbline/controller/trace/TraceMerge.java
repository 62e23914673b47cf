package io.plumbline.controller.trace;

import io.plumbline.apiserver.api.LeaseTraceEvent;
import io.plumbline.apiserver.api.LeaseTraceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders the events of one real run, from one or several processes, as a linearization the spec
 * can replay. Only the store's order is used across processes, never their clocks.
 *
 * <p>Every step that touches the Lease is placed in a <em>window</em>: the Lease revision in the
 * store (etcd's mod revision, a total order of the Lease's writes, the same number in every API
 * server) whose state it saw. An
 * {@code UpdateSucceeds} opens the window of the revision it wrote; a {@code Get} lies in the
 * window it read; an {@code UpdateConflicts} in the window of the first Lease write after the
 * revision its candidate read (the write that made its compare-and-swap fail); an
 * {@code UpdateUnanswered} lies where its candidate was (its next step may come before the write
 * lands); a
 * {@code WriteLands} in the window of the last Lease write before the store revision at which the
 * write committed (the store's fact, not the fence's word); a {@code WriteRejected} in the window
 * the fence checked. The landing of an unanswered write is no process's event (its writer had a
 * timeout long before): the merge adds an {@code UnansweredLands} of that writer, carrying the
 * attempted record, opening the window of the revision the store shows it made: a revision some
 * Get read that no traced {@code UpdateSucceeds} wrote, carrying exactly that record
 * ({@link #landedUnanswered}). The spec checks the rest: that the write is one its candidate sent
 * and that its compare-and-swap could still succeed there. Each candidate runs two programs, each
 * kept in order:
 * its elector loop (Get, UpdateSucceeds, UpdateConflicts, StepDown) and its writer (StartWrite).
 * Both live in the candidate's process and are numbered there under one lock ({@code seq}), so
 * emission order is their real order. A step placed before its program's previous step
 * moves up to that step's window; a StartWrite also moves up to its candidate's elector steps so
 * far (so it follows the write that made it leader, even a re-acquire after a StepDown), and a
 * StepDown up to its candidate's StartWrites so far (StartWrite reads leading). Events are sorted
 * by window, then the Lease write opening it, then the candidates' steps, then the fences' events.
 * The candidates' steps of one window may go in any order that keeps each process's order; the
 * merge picks the order of their clock readings (each process's readings made non-decreasing in
 * its own order, ties broken by that order): the store says nothing about it, and the spec's
 * clocks, which move forward together within its drift bound, need it.
 *
 * <p>Why this is a valid linearization: each event lies after the Lease write that opens its
 * window and, in real time, before the next Lease write (a read saw that revision; a CAS or a
 * guarded write committed against it; a moved step happened after the step it moved to, which
 * was before the next write). Within a window the Lease does not change, so the events there
 * commute except through one candidate's state, which its process's order keeps. The two
 * programs of one candidate commute except where one reads what the other wrote: a StartWrite
 * reads leading and term, which only UpdateSucceeds and StepDown change, and those are ordered
 * against it as said. A fence event settles some in-flight write of its term (the spec does not
 * say which), and in-flight writes only grow within a window, so putting the fence's events after
 * the window's StartWrites keeps every one explainable: the write it settled was started no later
 * than the real revision at which the fence saw it, so its StartWrite is in this window or an
 * earlier one. Clocks become milliseconds since the earliest clocked event: all processes of a
 * run read the same machine's wall clock, so one origin serves all (what the trace may claim
 * about time across processes is in {@link TraceLeaseElectionCheck.Timing}).
 */
final class TraceMerge {
  private TraceMerge() {}

  /** One event in the spec's terms (TraceLeaseElection.tla's fields). */
  record Entry(String action, String c, long clock, String holder, long renewTime,
      long transitions, String intent, long term) {}

  /** One emitted event: which process (or recorder) emitted it, and its number there. */
  record Sourced(String source, long seq, LeaseTraceEvent event) {}

  private record Placed(long window, int rank, long time, String source, long seq,
      LeaseTraceEvent event) {}

  /** The events of the per-process trace files {@code files} (see {@link LeaseTraceFile}), merged. */
  static List<Entry> mergeFiles(List<Path> files) throws IOException {
    List<Sourced> all = new ArrayList<>();
    for (Path f : files) {
      for (LeaseTraceFile.Line line : LeaseTraceFile.read(f)) {
        all.add(new Sourced(f.getFileName().toString(), line.seq(), line.event()));
      }
    }
    return merge(all);
  }

  static List<Entry> merge(List<Sourced> emitted) {
    TreeSet<Long> leaseWrites = new TreeSet<>();
    for (Sourced e : emitted) {
      if (e.event().action().equals("UpdateSucceeds")) {
        leaseWrites.add(e.event().leaseRevision());
      }
    }
    Map<LeaseTraceEvent, Long> landed = landedUnanswered(emitted, leaseWrites);
    leaseWrites.addAll(landed.values());
    Map<String, Long> elector = new HashMap<>();
    Map<String, Long> writer = new HashMap<>();
    Map<String, Long> lastRead = new HashMap<>();
    Map<String, Long> time = new HashMap<>(); // per source: the latest clock reading so far
    List<Placed> placed = new ArrayList<>();
    List<Sourced> inProgramOrder = new ArrayList<>(emitted);
    inProgramOrder.sort(Comparator.comparing(Sourced::source).thenComparingLong(Sourced::seq));
    for (Sourced e : inProgramOrder) {
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
        case "UpdateUnanswered" -> elector.getOrDefault(c, -1L); // its landing is placed below
        case "StepDown", "StartWrite" ->
            Math.max(elector.getOrDefault(c, -1L), writer.getOrDefault(c, -1L));
        case "WriteLands" -> { // the Lease as it was when the write committed
          Long before = leaseWrites.lower(ev.writeRevision());
          yield before == null ? -1 : before;
        }
        default -> ev.leaseRevision(); // WriteRejected: the Lease revision the fence checked
      };
      if (ev.action().equals("StartWrite")) {
        writer.put(c, window);
      } else if (!ev.actor().equals("fence")) {
        elector.put(c, window);
      }
      boolean opens = ev.action().equals("UpdateSucceeds");
      int rank = opens ? 0 : ev.actor().equals("fence") ? 2 : 1;
      long at = time.merge(e.source(), ev.clockMs(), Math::max);
      placed.add(new Placed(window, rank, at, e.source(), e.seq(), ev));
      Long landedAt = landed.get(ev);
      if (landedAt != null) { // the landing opens the revision it made, whenever that came
        placed.add(new Placed(landedAt, 0, 0, "store", landedAt, new LeaseTraceEvent(
            "UnansweredLands", c, 0, ev.holder(), ev.renewTimeMs(), ev.transitions(), "",
            landedAt, 0, -1)));
      }
    }
    placed.sort(Comparator.comparingLong(Placed::window).thenComparingInt(Placed::rank)
        .thenComparingLong(Placed::time).thenComparing(Placed::source).thenComparingLong(Placed::seq));
    long origin = emitted.stream().map(Sourced::event)
        .filter(TraceMerge::clocked).mapToLong(LeaseTraceEvent::clockMs).min().orElse(0);
    return placed.stream().map(p -> entry(p.event(), origin)).toList();
  }
  /**
   * The {@code UpdateUnanswered} events whose write took effect, each with the Lease revision it
   * made: a revision some Get read that no traced {@code UpdateSucceeds} wrote, carrying exactly
   * the record the unanswered write attempted (holder, renewTime to the millisecond, transitions).
   * A write that landed is read before anyone replaces it (a compare-and-swap needs the revision
   * it replaces), so one that no Get saw did not land, or the run ended first.
   */
  private static Map<LeaseTraceEvent, Long> landedUnanswered(List<Sourced> emitted,
      Set<Long> written) {
    Map<List<Object>, Long> readRecords = new HashMap<>();
    for (Sourced e : emitted) {
      LeaseTraceEvent ev = e.event();
      if (ev.action().equals("Get") && !written.contains(ev.leaseRevision())) {
        readRecords.put(List.of(ev.holder(), ev.renewTimeMs(), ev.transitions()),
            ev.leaseRevision());
      }
    }
    Map<LeaseTraceEvent, Long> landed = new HashMap<>();
    for (Sourced e : emitted) {
      LeaseTraceEvent ev = e.event();
      Long r = readRecords.get(List.of(ev.holder(), ev.renewTimeMs(), ev.transitions()));
      if (ev.action().equals("UpdateUnanswered") && r != null) {
        landed.put(ev, r);
      }
    }
    return landed;
  }

  /** Steps whose spec action reads the candidate's clock. */
  static boolean clocked(LeaseTraceEvent e) {
    return List.of("Get", "UpdateSucceeds", "UpdateConflicts", "UpdateUnanswered", "StepDown")
        .contains(e.action());
  }

  private static Entry entry(LeaseTraceEvent e, long origin) {
    return new Entry(e.action(), e.actor(), clocked(e) ? e.clockMs() - origin : 0, e.holder(),
        e.renewTimeMs() == 0 ? 0 : e.renewTimeMs() - origin, e.transitions(), e.intent(),
        e.term());
  }
}
