package io.plumbline.spec.cli;

import io.plumbline.spec.check.CheckListener;
import io.plumbline.spec.check.CounterexampleText;
import io.plumbline.spec.check.ModelReport;
import io.plumbline.spec.check.Vacuity;
import io.plumbline.spec.check.Verdict;
import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.tlc.LiveTlcStats;
import io.plumbline.spec.tlc.TlcProgress;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tells the person at the terminal what is happening. On a terminal, a status line is redrawn
 * every second with the elapsed time and TLC's counts, read live over JMX ({@link LiveTlcStats})
 * or else taken from TLC's once-a-minute report; elsewhere (CI logs) each TLC progress report
 * becomes one line. Each finished model gets one line; counterexamples are printed when
 * unexpected, or always when {@code showAllTraces}.
 */
final class ProgressPrinter implements CheckListener, AutoCloseable {
  private final PrintWriter out;
  private final boolean live;
  private final boolean showAllTraces;
  private final ScheduledExecutorService ticker;
  private ScheduledFuture<?> tick;
  private volatile TlcProgress latest = TlcProgress.NONE;
  private volatile long startNanos;
  private String prefix = "";
  private long pid;
  private Optional<LiveTlcStats> liveStats = Optional.empty();
  private long lastAttachNanos;

  ProgressPrinter(PrintWriter out, boolean live, boolean showAllTraces) {
    this.out = out;
    this.live = live;
    this.showAllTraces = showAllTraces;
    this.ticker = live ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "spec-check-progress");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  @Override
  public synchronized void started(ModelEntry entry, int index, int total, long pid) {
    prefix = "[" + index + "/" + total + "] " + entry.name();
    this.pid = pid;
    latest = TlcProgress.NONE;
    startNanos = System.nanoTime();
    out.println(prefix + ": TLC running (pid " + pid + ", expected " + entry.expected() + ")");
    out.flush();
    if (live) {
      tick = ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public synchronized void progress(ModelEntry entry, TlcProgress progress) {
    latest = progress;
    if (!live) {
      out.println("      " + status());
      out.flush();
    }
  }

  @Override
  public synchronized void finished(ModelReport report) {
    if (tick != null) {
      tick.cancel(false);
      out.print("\r\033[K");
    }
    liveStats.ifPresent(LiveTlcStats::close);
    liveStats = Optional.empty();
    out.println(prefix + ": " + report.verdict().label() + " - " + summary(report));
    boolean unexpected = !report.verdict().asExpected();
    if (!report.result().trace().isEmpty() && (unexpected || showAllTraces)) {
      out.print(CounterexampleText.render(report.result()));
    }
    report.counterexampleFile().ifPresent(f ->
        out.println("      counterexample (JSON): " + SpecPaths.display(f)));
    report.vacuity().forEach(reason -> out.println("      vacuous: " + reason));
    report.simulation().ifPresent(reach -> out.println("      simulation "
        + report.entry().simulation().orElseThrow() + ": " + reach.summary()));
    if (report.verdict() == Verdict.TIME_LIMIT_NO_ERROR) {
      List<String> dead = Vacuity.deadActions(report.result(), report.entry().allowedDead());
      if (!dead.isEmpty()) {
        out.println("      not fired yet (by TLC's last coverage report): " + String.join(", ", dead));
      }
    }
    if (report.verdict() == Verdict.ERROR) {
      report.result().errorText().lines().forEach(l -> out.println("      " + l));
    }
    out.flush();
  }

  private static String summary(ModelReport r) {
    String found = switch (r.result().outcome()) {
      case NO_ERROR -> "no error";
      case INVARIANT_VIOLATED -> r.result().violated() + " violated";
      case DEADLOCK -> "deadlock";
      case ERROR -> "TLC could not check the model";
      case TIME_LIMIT -> "no error before the time limit (not finished)";
    };
    if (r.entry().simulation().isPresent()) {
      return String.format("%s; %,d states generated, %.1f s", found, r.result().stats().generated(),
          r.seconds());
    }
    return String.format("%s; %,d distinct states, depth %s, %.1f s", found,
        r.result().stats().distinct(), r.result().stats().depth() < 0 ? "-" : r.result().stats().depth(),
        r.seconds());
  }

  private synchronized void redraw() {
    readLiveStats();
    out.print("\r\033[K      " + status());
    out.flush();
  }

  /** Attaches to the TLC child (retrying every 2 s until its JVM accepts) and reads its counts. */
  private void readLiveStats() {
    if (liveStats.isEmpty() && System.nanoTime() - lastAttachNanos > 2_000_000_000L) {
      lastAttachNanos = System.nanoTime();
      liveStats = LiveTlcStats.attach(pid);
    }
    liveStats.flatMap(LiveTlcStats::read).filter(p -> p.distinct() >= latest.distinct())
        .ifPresent(p -> latest = p);
  }

  /** Elapsed time, counts, and the average rate since TLC started (TLC's own rate lags a minute). */
  private String status() {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    TlcProgress p = latest;
    long secs = (long) elapsed;
    if (p.distinct() < 0) {
      // A simulation (TLC -simulate) counts generated states only.
      return String.format("%02d:%02d elapsed, %,d states generated", secs / 60, secs % 60, p.generated());
    }
    return String.format("%02d:%02d elapsed, %,d distinct states, %,d on queue, depth %s, %,d distinct/min",
        secs / 60, secs % 60, p.distinct(), p.queue(), p.depth() < 0 ? "-" : p.depth(),
        elapsed < 1 ? 0 : Math.round(p.distinct() * 60 / elapsed));
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
