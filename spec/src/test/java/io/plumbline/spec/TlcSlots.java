package io.plumbline.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How the build's TLC tests share the machine: {@link #slots()} TLC runs at once, each with
 * {@link #workersPerRun()} worker threads (every core).
 *
 * <p>Why not one run at a time: much of a TLC run is serial (JVM start, SANY parsing, the first and
 * last levels of the search, writing the result) and most of the build's runs are short, so one run
 * at a time leaves a core idle much of the time; a second run fills it. Why every core per run, not
 * cores divided by slots: a long expected violation would then run on one core alone at the end;
 * with every core it gets both once the other slot is empty, and TLC's CPU per state is about the
 * same with one worker or two (MCEtcdRaftUpToDate: 81.9 and 75.7 CPU-s). What each run checks does not
 * change: every model is still checked completely.
 *
 * <p>A run with action coverage (a model expected to pass) uses one worker whatever this says
 * ({@code TlcLauncher.withCoverage()}: coverage is only repeatable with one), so two slots keep
 * both cores busy with two such runs.
 *
 * <p>{@code -Dplumbline.tlc.slots=1} runs them one at a time again (e.g. to time one model);
 * {@code -Dplumbline.tlc.workers=N} sets the workers per run (1 makes the state counts of expected
 * violations deterministic).
 */
public final class TlcSlots {
  private TlcSlots() {}

  /** How many TLC runs the tests start at once: 2 (or the property), never more than the cores. */
  public static int slots() {
    return slots(2);
  }

  /** {@code byDefault} TLC runs at once unless the property says otherwise, never more than the cores. */
  public static int slots(int byDefault) {
    int cores = Runtime.getRuntime().availableProcessors();
    int wanted = Integer.getInteger("plumbline.tlc.slots", byDefault);
    return Math.max(1, Math.min(wanted, cores));
  }

  /** TLC worker threads per run: every core (or the property). */
  public static int workersPerRun() {
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.max(1, Integer.getInteger("plumbline.tlc.workers", cores));
  }

  /**
   * Starts every task, {@link #slots()} at a time, in the given order (put the long ones first,
   * so no core waits alone for a long run at the end); the futures are in the same order.
   */
  public static <T> List<Future<T>> startAll(List<Callable<T>> tasks) {
    return startAll(tasks, slots());
  }

  /** As {@link #startAll(List)}, {@code slots} at a time. */
  public static <T> List<Future<T>> startAll(List<Callable<T>> tasks, int slots) {
    ExecutorService pool = Executors.newFixedThreadPool(slots, r -> {
      Thread t = new Thread(r, "tlc-slot");
      t.setDaemon(true); // a test JVM that gives up must not wait for TLC runs nobody reads
      return t;
    });
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(task));
    }
    pool.shutdown();
    return futures;
  }

  /**
   * The task's result, waiting for it; an exception or assertion error the task threw is
   * rethrown as it was, so the test reports it as if the test had run the task itself.
   */
  public static <T> T await(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
