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
 * {@link #workersPerRun()} worker threads, so together they use every core.
 *
 * <p>Why not one run at a time with every core: much of a TLC run is serial (JVM start, SANY
 * parsing, the first and last levels of the search, writing the result), most of the build's
 * runs are short, and TLC's workers contend on its fingerprint set and queue. On the 2-core CI
 * machine two one-worker runs side by side keep both cores busy where one two-worker run leaves
 * one idle much of the time. What each run checks does not change: every model is still checked
 * completely (a worker count never changes TLC's distinct states, only how fast it finds them).
 *
 * <p>{@code -Dplumbline.tlc.slots=1} runs them one at a time again (e.g. to time one model).
 */
public final class TlcSlots {
  private TlcSlots() {}

  /** How many TLC runs the tests start at once: 2 (or the property), never more than the cores. */
  public static int slots() {
    int cores = Runtime.getRuntime().availableProcessors();
    int wanted = Integer.getInteger("plumbline.tlc.slots", 2);
    return Math.max(1, Math.min(wanted, cores));
  }

  /** TLC worker threads per run: the cores shared out among the slots. */
  public static int workersPerRun() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / slots());
  }

  /**
   * Starts every task, {@link #slots()} at a time, in the given order (put the long ones first,
   * so no core waits alone for a long run at the end); the futures are in the same order.
   */
  public static <T> List<Future<T>> startAll(List<Callable<T>> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(slots(), r -> {
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
