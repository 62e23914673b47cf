package io.plumbline.controller;

import org.slf4j.Logger;

/**
 * The loop a leader-elected component runs: a worker thread that, while its {@link LeaderElector}
 * says it leads, runs one pass every period, or sooner when {@link #wake()} is called. While not
 * leading it looks again every election retry period (at most every period), so a new leader's
 * first pass does not wait for a long period to end. A pass that
 * cannot reach the API server is logged and retried on the next turn. Closing stops the worker
 * first and then the elector, so no pass runs after the lease is given up.
 */
final class LeaderGatedLoop implements AutoCloseable {
  private final LeaderElector elector;
  private final long periodMs;
  private final long idleMs;
  private final Runnable pass;
  private final String identity;
  private final Logger log;
  private final String passName;
  private final Thread worker;
  private final Object wakeup = new Object();
  private volatile boolean stopped;
  // set by wake(), cleared before a pass: a wake-up during a pass makes another pass at once
  private boolean woken;

  /**
   * {@code pass} runs on a thread named {@code threadName-identity}; a failed pass is logged to
   * the owner's {@code log} as {@code identity: passName failed: why}.
   */
  LeaderGatedLoop(String threadName, LeaderElector elector, ElectionConfig election,
      long periodMs, Runnable pass, Logger log, String passName) {
    this.elector = elector;
    this.identity = election.identity();
    this.idleMs = Math.min(periodMs, election.retryPeriodMs());
    this.log = log;
    this.passName = passName;
    this.periodMs = periodMs;
    this.pass = pass;
    this.worker = new Thread(this::run, threadName + "-" + identity);
    this.worker.setDaemon(true);
  }

  LeaderGatedLoop start() {
    elector.start();
    worker.start();
    return this;
  }

  /** Asks for a pass now instead of at the end of the period (ignored while not leading). */
  void wake() {
    synchronized (wakeup) {
      woken = true;
      wakeup.notifyAll();
    }
  }

  private void run() {
    while (!stopped) {
      synchronized (wakeup) {
        woken = false;
      }
      boolean leading = elector.isLeading();
      if (leading) {
        try {
          pass.run();
        } catch (ApiClient.Unreachable e) {
          log.warn("{}: {} failed: {}", identity, passName, e.getMessage());
        }
      }
      synchronized (wakeup) {
        try {
          if (!stopped && !woken) {
            wakeup.wait(leading ? periodMs : idleMs);
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Stops; {@code release} gives the lease up (graceful), otherwise it must expire (a kill). */
  void close(boolean release) {
    stopped = true;
    wake();
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    elector.close(release);
  }

  @Override
  public void close() {
    close(true);
  }
}
