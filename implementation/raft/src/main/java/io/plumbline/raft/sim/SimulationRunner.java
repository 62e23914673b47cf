package io.plumbline.raft.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs many seeds, each a self-contained single-threaded {@link Simulation}, on a few worker
 * threads (seeds are independent, so parallelism cannot change any seed's outcome), reporting
 * progress every couple of seconds.
 */
public final class SimulationRunner {
  /** What a batch of seeds did. */
  public record Summary(int seeds, List<SimResult> failures, long ticks, long messages,
      long writes, long reads, double seconds) {
    public double seedsPerSecond() {
      return seeds / Math.max(seconds, 1e-9);
    }

    public double ticksPerSecond() {
      return ticks / Math.max(seconds, 1e-9);
    }
  }

  private SimulationRunner() {}

  /**
   * The first of seeds {@code 1..count} (with {@code template}'s other options, one thread) that
   * fails, or null; the report names the seed, tick, invariant and how to replay it.
   */
  public static String firstFailure(SimOptions template, int count) {
    for (long seed = 1; seed <= count; seed++) {
      SimOptions o = template.withSeed(seed);
      SimResult r = new Simulation(o).run();
      if (!r.ok()) {
        return "seed " + seed + ", tick " + r.failedAtTick() + ": " + r.detail() + " (replay: "
            + o.replay() + ")";
      }
    }
    return null;
  }

  /** Runs seeds {@code first .. first+count-1} with {@code template}'s other options. */
  public static Summary run(SimOptions template, long first, int count, int threads,
      Consumer<String> progress) throws InterruptedException {
    long start = System.nanoTime();
    AtomicLong next = new AtomicLong(first);
    AtomicInteger done = new AtomicInteger();
    AtomicLong ticks = new AtomicLong();
    AtomicLong messages = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    List<SimResult> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        for (long s = next.getAndIncrement(); s < first + count; s = next.getAndIncrement()) {
          SimResult r = new Simulation(template.withSeed(s)).run();
          ticks.addAndGet(r.ticks());
          messages.addAndGet(r.messagesDelivered());
          writes.addAndGet(r.writesAcknowledged());
          reads.addAndGet(r.readsServed());
          if (!r.ok()) {
            failures.add(r);
          }
          done.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    while (!pool.awaitTermination(2, TimeUnit.SECONDS)) {
      double secs = (System.nanoTime() - start) / 1e9;
      progress.accept(String.format("  %d/%d seeds, %d failed, %.0f seeds/s, %.0f ticks/s",
          done.get(), count, failures.size(), done.get() / secs, ticks.get() / secs));
    }
    List<SimResult> sorted = new ArrayList<>(failures);
    sorted.sort((a, b) -> Long.compare(a.seed(), b.seed()));
    return new Summary(count, sorted, ticks.get(), messages.get(), writes.get(), reads.get(),
        (System.nanoTime() - start) / 1e9);
  }
}
