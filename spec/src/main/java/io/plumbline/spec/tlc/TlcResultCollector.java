package io.plumbline.spec.tlc;

import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets TLC's messages as they arrive: reports progress to a listener, collects the
 * counterexample, and at the end says how the run ended ({@link #result}).
 */
public final class TlcResultCollector implements Consumer<TlcMessage> {
  /** Invariants, and action properties ([][A]_v in PROPERTIES), which TLC also names. */
  private static final Pattern INVARIANT =
      Pattern.compile("(?:Invariant|Property|Action property) (\\S+) is violated");
  /**
   * The distinct initial states, from "Finished computing initial states: 3 distinct states
   * generated at ..." or "...: 1 state generated, with 0 of them distinct at ...".
   */
  private static final Pattern INITIAL =
      Pattern.compile("([\\d,]+) distinct states? generated|with ([\\d,]+) of them distinct");
  /** Unframed lines kept to explain a parse error (SANY prints its details outside frames). */
  private static final int CONTEXT_LINES = 12;

  private final Consumer<TlcProgress> progressListener;
  /** A -simulate run: TLC prints no success message there, and its progress has no distinct count. */
  private final boolean simulation;
  private final List<TraceState> trace = new ArrayList<>();
  private final Deque<String> recentUnframed = new ArrayDeque<>();
  private final List<String> errors = new ArrayList<>();
  private final ActionCoverage coverage = new ActionCoverage();
  private long initialStates = -1;
  private TlcProgress stats = TlcProgress.NONE;
  private String violated = "";
  private Outcome violation;
  private boolean success;
  private boolean finished;

  public TlcResultCollector(Consumer<TlcProgress> progressListener) {
    this(progressListener, false);
  }

  /** A collector for a run that is a random simulation ({@code simulation}) or a model check. */
  public TlcResultCollector(Consumer<TlcProgress> progressListener, boolean simulation) {
    this.progressListener = progressListener;
    this.simulation = simulation;
  }

  @Override
  public void accept(TlcMessage m) {
    switch (m.code()) {
      case TlcMessage.UNFRAMED -> rememberUnframed(m.text());
      case TlcMessage.PROGRESS_STATS -> {
        TlcProgress p = TlcProgress.fromProgress(m.text());
        if (p != null) {
          stats = p;
          progressListener.accept(p);
        }
      }
      case TlcMessage.SIMULATION_PROGRESS -> {
        TlcProgress p = TlcProgress.fromSimulationProgress(m.text());
        if (p != null) {
          stats = p;
          progressListener.accept(p);
        }
      }
      case TlcMessage.STATS -> stats = stats.withStats(m.text());
      case TlcMessage.SEARCH_DEPTH -> stats = stats.withDepth(m.text());
      case TlcMessage.INVARIANT_VIOLATED_BEHAVIOR, TlcMessage.INVARIANT_VIOLATED_INITIAL,
          TlcMessage.PROPERTY_VIOLATED_INITIAL, TlcMessage.ACTION_PROPERTY_VIOLATED -> {
        Matcher inv = INVARIANT.matcher(m.text());
        violated = inv.find() ? inv.group(1) : m.text();
        violation = Outcome.INVARIANT_VIOLATED;
      }
      case TlcMessage.DEADLOCK_REACHED -> {
        violated = "deadlock";
        violation = Outcome.DEADLOCK;
      }
      case TlcMessage.STATE_PRINT, TlcMessage.STUTTER_STATE_PRINT, TlcMessage.BACK_TO_STATE ->
          trace.add(TraceStateParser.parse(m.text()));
      case TlcMessage.SUCCESS -> success = true;
      case TlcMessage.FINISHED -> finished = true;
      case TlcMessage.INIT_DONE, TlcMessage.INIT_DONE_SOME_DISTINCT -> initialStates = initialStates(m.text());
      case ActionCoverage.REPORT_START, ActionCoverage.ACTION, ActionCoverage.REPORT_END ->
          coverage.accept(m);
      case TlcMessage.BEHAVIOR_UP_TO_THIS_POINT -> { }
      default -> {
        if (m.isError()) {
          errors.add(m.text());
        }
      }
    }
  }

  private static long initialStates(String text) {
    Matcher m = INITIAL.matcher(text);
    if (!m.find()) {
      return -1;
    }
    String count = m.group(1) != null ? m.group(1) : m.group(2);
    return Long.parseLong(count.replace(",", ""));
  }

  private void rememberUnframed(String line) {
    recentUnframed.addLast(line);
    if (recentUnframed.size() > CONTEXT_LINES) {
      recentUnframed.removeFirst();
    }
  }

  /**
   * How the run ended, given TLC's exit code. A violation counts only with its trace; anything
   * unexplained (no success message, errors, a killed process) is an ERROR with TLC's own words.
   */
  public TlcRunResult result(int exitCode) {
    if (violation != null && errors.isEmpty() && !trace.isEmpty()) {
      return withCounts(violation, violated, "", stats, trace);
    }
    // A simulation that walked all its behaviours ends with "Finished" and exit code 0 only.
    if ((success || simulation) && finished && errors.isEmpty() && exitCode == 0) {
      return withCounts(Outcome.NO_ERROR, "", "", stats, List.of());
    }
    return withCounts(Outcome.ERROR, violated, errorText(exitCode), stats, trace);
  }

  /**
   * The run was stopped at its time limit: a violation found before that still counts; otherwise
   * the outcome is TIME_LIMIT with the larger of the live counts and TLC's last report.
   */
  public TlcRunResult stoppedAtTimeLimit(TlcProgress live) {
    if (violation != null && errors.isEmpty() && !trace.isEmpty()) {
      return withCounts(violation, violated, "", stats, trace);
    }
    TlcProgress last = live.distinct() >= stats.distinct() ? live : stats;
    return withCounts(Outcome.TIME_LIMIT, "", "", last, List.of());
  }

  /** A result carrying the initial-state count and the last coverage report seen. */
  private TlcRunResult withCounts(Outcome outcome, String name, String error, TlcProgress counts,
      List<TraceState> states) {
    return new TlcRunResult(outcome, name, error, counts, states, initialStates, coverage.latest());
  }

  private String errorText(int exitCode) {
    List<String> parts = new ArrayList<>(errors);
    if (!finished) {
      parts.add("TLC stopped before finishing (exit code " + exitCode + ")");
    } else if (parts.isEmpty()) {
      parts.add("TLC exited with code " + exitCode + " without a verdict");
    }
    List<String> context = recentUnframed.stream()
        .filter(l -> !l.startsWith("Parsing file") && !l.startsWith("Semantic processing")).toList();
    if (!context.isEmpty()) {
      parts.add(String.join("\n", context));
    }
    return String.join("\n", parts).strip();
  }
}
