package io.plumbline.controller.trace;

import io.plumbline.spec.tlc.TlcLauncher;
import io.plumbline.spec.tlc.TlcRunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a merged election trace ({@link TraceMerge}) against
 * {@code spec/election/LeaseElection.tla} with TLC: the trace becomes a generated module holding
 * the events ({@code TraceLog}) that extends TraceLeaseElection.tla, next to copies of the two
 * specs, and TLC searches for a behaviour that matches every event while LeaseElection's safety
 * invariants hold (the same way the Raft traces are checked: a generated TLA+ module, TLC as a
 * child process through the spec module's {@link TlcLauncher}).
 */
final class TraceLeaseElectionCheck {
  /** What TraceLeaseElection.tla prints when a behaviour matched more events than any before. */
  private static final Pattern MATCHED = Pattern.compile("\"plumbline-matched\", (\\d+)>>");
  /**
   * The safety invariants of LeaseElection checked along the trace (DriftBounded is not: the
   * trace's clocks are not coupled, see {@link Timing}).
   */
  static final List<String> SAFETY = List.of("AtMostOneEffectiveLeader", "OneWriterPerTerm",
      "LeaderTermIsReal");
  /**
   * The verdict: accepted, rejected (no behaviour matches), vacuous (a behaviour of the spec, but
   * a step the run was meant to exercise is not in it, so it says nothing about that step), or
   * TLC could not decide.
   */
  enum Verdict { ACCEPTED, REJECTED, VACUOUS, ERROR }

  /** The verdict and what TLC said. */
  record Result(Verdict verdict, String detail) {}

  private TraceLeaseElectionCheck() {}

  /**
   * As {@link #check(List, Timing, Path)}, and an accepted trace that lacks one of the spec
   * actions {@code required} is VACUOUS: the run did not exercise what it was meant to.
   */
  static Result check(List<TraceMerge.Entry> events, Timing timing, Path dir,
      Set<String> required) {
    return unlessVacuous(check(events, timing, dir), events, required);
  }

  /**
   * {@code r}, TLC's verdict on {@code events}, unless it accepted them and they lack one of the
   * spec actions {@code required}: then VACUOUS, naming the missing actions.
   */
  static Result unlessVacuous(Result r, List<TraceMerge.Entry> events, Set<String> required) {
    Set<String> missing = new TreeSet<>(required);
    events.forEach(e -> missing.remove(e.action()));
    if (r.verdict() == Verdict.ACCEPTED && !missing.isEmpty()) {
      return new Result(Verdict.VACUOUS, "VACUOUS: " + r.detail() + ", but the trace holds no "
          + String.join(", no ", missing) + ": the run never took that step, so its check says "
          + "nothing about it");
    }
    return r;
  }

  static Result check(List<TraceMerge.Entry> events, Timing timing, Path dir) {
    try {
      Path election = electionSpecDir();
      Files.copy(election.resolve("LeaseElection.tla"), dir.resolve("LeaseElection.tla"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(election.resolve("TraceLeaseElection.tla"), dir.resolve("TraceLeaseElection.tla"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path module = dir.resolve("TraceLeaseElectionRun.tla");
      Files.writeString(module, module(events));
      Path cfg = dir.resolve("TraceLeaseElectionRun.cfg");
      Files.writeString(cfg, config(events, timing));
      AtomicInteger matched = new AtomicInteger();
      TlcRunResult r = new TlcLauncher(1, "512m").run(module, cfg, new TlcLauncher.Observer() { },
          m -> {
            Matcher found = MATCHED.matcher(m.text());
            if (found.find()) {
              matched.accumulateAndGet(Integer.parseInt(found.group(1)), Math::max);
            }
          });
      if (r.outcome() == TlcRunResult.Outcome.INVARIANT_VIOLATED
          && "TraceNotAccepted".equals(r.violated())) {
        return new Result(Verdict.ACCEPTED, "all " + events.size() + " events matched");
      }
      if (r.outcome() == TlcRunResult.Outcome.INVARIANT_VIOLATED && SAFETY.contains(r.violated())) {
        return new Result(Verdict.REJECTED, "the behaviour matching the trace violates "
            + r.violated() + " after event " + matched.get() + " of " + events.size());
      }
      if (r.outcome() == TlcRunResult.Outcome.NO_ERROR) {
        int stuck = matched.get(); // events 1..stuck matched, event stuck + 1 never does
        return new Result(Verdict.REJECTED, "no behaviour of LeaseElection matches event "
            + (stuck + 1) + " of " + events.size() + ": " + events.get(stuck) + " (after "
            + (stuck > 0 ? events.get(stuck - 1) : "the initial state") + ")");
      }
      return new Result(Verdict.ERROR, r.outcome() + " " + r.violated() + " " + r.errorText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The run's timing in ms, as the spec's constants (RetryPeriod is not checked: 1 ms).
   *
   * <p>What a merged trace can claim about time across processes: nothing, and it needs nothing.
   * Every judgment of time the spec makes compares two readings of one candidate's clock
   * (observedTime and clock for expiry, lastRenew and clock for the renew deadline), as the Java
   * election does with its own clock; the trace pins each candidate's clock at each of its
   * events, so those judgments are checked to the millisecond on the observer's own clock. The
   * merge orders processes by the store's revisions, never by clocks. What the spec adds across
   * candidates is its environment assumption that clocks stay within MaxDrift of each other; in a
   * trace that coupling would measure the environment, not the code: a step's clock reading lies
   * before or after the moment it took effect in the store by the request's latency (a write is
   * decided before it is sent, a read's answer waits in transit), and a GC pause, a loaded
   * machine or a SIGSTOP inside a request stretches that past any bound, so a correct run would
   * be rejected (runs here saw a lease write land 1.5 s after its decision on a loaded machine).
   * So MaxDrift is set past the run's length: no coupling. Nothing the code decides is left
   * unchecked by this: with fencing, AtMostOneEffectiveLeader does not rest on clocks (the fence
   * compares generations), and a deposed leader acting on a late or lagging clock is a behaviour
   * the spec already allows (any pause) whose writes the fence must refuse, which is checked.
   * What is no longer checked is the environment's side of client-go's bargain (that
   * leaseDuration - renewDeadline covered the drift and latency of this run); the spec's models
   * check the protocol under that assumption.
   */
  record Timing(long leaseDurationMs, long renewDeadlineMs) {
    static Timing of(long leaseDurationMs, long renewDeadlineMs) {
      return new Timing(leaseDurationMs, renewDeadlineMs);
    }
  }

  static String module(List<TraceMerge.Entry> events) {
    String log = events.stream().map(e -> String.format(
        "  [action |-> \"%s\", c |-> \"%s\", clock |-> %d, holder |-> \"%s\", renewTime |-> %d, "
            + "transitions |-> %d, intent |-> \"%s\", term |-> %d]", e.action(), e.c(), e.clock(),
        e.holder(), e.renewTime(), e.transitions(), e.intent(), e.term()))
        .collect(Collectors.joining(",\n"));
    return "---- MODULE TraceLeaseElectionRun ----\n"
        + "\\* GENERATED by TraceLeaseElectionCheck from a real run of LeaderElector and "
        + "LeaseFencing.\n"
        + "EXTENDS TraceLeaseElection\n\n"
        + "\\* The recorded events, in the merged order.\nRunLog == <<\n" + log + "\n>>\n"
        + "====\n";
  }

  static String config(List<TraceMerge.Entry> events, Timing timing) {
    long maxTime = events.stream().mapToLong(TraceMerge.Entry::clock).max().orElse(0);
    String ids = events.stream().map(TraceMerge.Entry::c).filter(c -> !c.equals("fence"))
        .distinct().sorted().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    long writes = events.stream().filter(e -> e.action().equals("StartWrite")).count();
    return "INIT TraceInit\nNEXT TraceNext\nCONSTANTS\n"
        + "    TraceLog <- RunLog\n"
        + "    Candidates = {" + ids + "}\n"
        + "    Nobody = Nobody\n"
        + "    LeaseDuration = " + timing.leaseDurationMs() + "\n"
        + "    RenewDeadline = " + timing.renewDeadlineMs() + "\n"
        + "    RetryPeriod = 1\n"
        + "    MaxDrift = " + (maxTime + 1) + "\n" // no coupling across clocks: see Timing
        + "    MaxTime = " + maxTime + "\n"
        + "    MaxWrites = " + writes + "\n    Fencing = TRUE\n"
        + "    LostAnswers = TRUE\n" // real requests time out
        + "INVARIANT TraceNotAccepted\n"
        + SAFETY.stream().map(i -> "INVARIANT " + i + "\n").collect(Collectors.joining())
        + "CHECK_DEADLOCK FALSE\n";
  }

  /** {@code <repo>/spec/election} (surefire sets plumbline.root; else two levels above the module). */
  static Path electionSpecDir() {
    String root = System.getProperty("plumbline.root");
    Path base = root != null ? Path.of(root)
        : Path.of("").toAbsolutePath().getParent().getParent();
    return base.resolve("spec").resolve("election");
  }
}
