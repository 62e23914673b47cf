package io.plumbline.chaos.storesim;

import io.plumbline.raft.cli.SimulateCommand;
import io.plumbline.store.node.ShellBug;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./plumbline simulate --store}: one seed with its digest, or many seeds on worker threads
 * with one digest over every seed's (in seed order, so the thread count does not change it).
 */
public final class StoreSimulator implements SimulateCommand.StoreSimulator {

  @Override
  public int run(PrintWriter out, Long seed, long firstSeed, Integer seeds, int nodes, int ticks, int threads,
      List<String> bugs) {
    Quiet.storeLogs();
    StoreSimOptions base = withBugs(StoreSimOptions.of(seed != null ? seed : firstSeed, nodes, ticks), bugs);
    if (seed != null) {
      return single(out, base);
    }
    return many(out, base, firstSeed, seeds, threads);
  }

  /** {@code reconnect-backoff} or a {@link ShellBug} name (lower case, dashes). */
  private static StoreSimOptions withBugs(StoreSimOptions o, List<String> names) {
    java.util.Set<ShellBug> bugs = java.util.EnumSet.noneOf(ShellBug.class);
    for (String n : names) {
      if (n.equals("reconnect-backoff")) {
        o = o.withReconnectBackoff();
        continue;
      }
      try {
        bugs.add(ShellBug.valueOf(n.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw new io.plumbline.common.UserError("--store-bug: unknown bug " + n + "; expected reconnect-backoff or one of "
            + java.util.Arrays.stream(ShellBug.values()).map(b -> b.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList());
      }
    }
    return o.withBugs(bugs);
  }

  private static String flags(StoreSimOptions o) {
    StringBuilder b = new StringBuilder();
    for (ShellBug bug : o.bugs()) {
      b.append(" --store-bug ").append(bug.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    return b.append(o.reconnectBackoff() ? " --store-bug reconnect-backoff" : "").toString();
  }

  private int single(PrintWriter out, StoreSimOptions o) {
    long start = System.nanoTime();
    StoreSimulation sim = new StoreSimulation(o);
    StoreSimResult r = sim.run();
    double secs = (System.nanoTime() - start) / 1e9;
    out.printf("seed %d: %s, %d store nodes, %d ticks in %.2fs; %d history events, %d acknowledged, "
            + "%d messages, %d crashes, %d partitions, %d disk faults%n", o.seed(), r.ok() ? "ok" : "FAILED",
        o.nodes(), r.ticks(), secs, r.operations(), r.acknowledged(), r.messages(), r.crashes(), r.partitions(),
        r.diskFaults());
    if (!r.ok()) {
      printFailure(out, r, o);
      java.nio.file.Path file = java.nio.file.Path.of("store-sim-seed-" + o.seed() + ".jsonl");
      io.plumbline.history.HistoryWriter.write(sim.history(), file, io.plumbline.history.HistoryFormat.JSONL);
      out.println("history: " + file + " (./plumbline check-history " + file + " --model etcd)");
    }
    out.println("digest: " + r.digest());
    out.flush();
    return r.ok() ? 0 : 1;
  }

  private int many(PrintWriter out, StoreSimOptions base, long first, int count, int threads) {
    out.printf("simulate --store: seeds %d..%d, %d store nodes, %d ticks each, %d threads%n", first,
        first + count - 1, base.nodes(), base.ticks(), threads);
    out.flush();
    Summary s = runSeeds(base, first, count, threads);
    out.printf("%d seeds, %d failed, %.1fs: %.1f seeds/s, %.0f ticks/s (%.2fM seed-ticks/min); %d acknowledged, "
            + "%d crashes, %d disk faults; load average %.2f%n",
        count, s.failures.size(), s.seconds, count / s.seconds, s.ticks / s.seconds, s.ticks / s.seconds * 60 / 1e6,
        s.acknowledged, s.crashes, s.diskFaults,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    for (StoreSimResult r : s.failures.subList(0, Math.min(5, s.failures.size()))) {
      printFailure(out, r, base.withSeed(r.seed()));
    }
    out.println("digest: " + s.digest);
    out.flush();
    return s.failures.isEmpty() ? 0 : 1;
  }

  /** What a range of seeds gave. */
  public record Summary(List<StoreSimResult> failures, double seconds, long ticks, long acknowledged, long crashes,
      long diskFaults, String digest) {}

  /** Runs seeds {@code first..first+count-1} of {@code base} on {@code threads} workers; failures in seed order. */
  public static Summary runSeeds(StoreSimOptions base, long first, int count, int threads) {
    Quiet.storeLogs();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    List<Future<StoreSimResult>> futures = new ArrayList<>();
    for (long s = first; s < first + count; s++) {
      StoreSimOptions o = base.withSeed(s);
      futures.add(pool.submit(() -> new StoreSimulation(o).run()));
    }
    List<StoreSimResult> failures = new ArrayList<>();
    AtomicLong ticks = new AtomicLong();
    long acknowledged = 0;
    long crashes = 0;
    long diskFaults = 0;
    java.security.MessageDigest all = sha256();
    try {
      for (Future<StoreSimResult> f : futures) {
        StoreSimResult r = f.get();
        all.update((r.seed() + ":" + r.digest() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ticks.addAndGet(r.ticks());
        acknowledged += r.acknowledged();
        crashes += r.crashes();
        diskFaults += r.diskFaults();
        if (!r.ok()) {
          failures.add(r);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Summary(failures, (System.nanoTime() - start) / 1e9, ticks.get(), acknowledged, crashes, diskFaults,
        java.util.HexFormat.of().formatHex(all.digest(), 0, 16));
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static void printFailure(PrintWriter out, StoreSimResult r, StoreSimOptions o) {
    out.printf("FAILED seed %d at tick %d: %s%n", r.seed(), r.failedAtTick(), r.detail());
    out.printf("  replay: ./plumbline simulate --store --seed %d --nodes %d --ticks %d%s%n", r.seed(), o.nodes(), o.ticks(),
        flags(o));
    out.println("  trace (last events):");
    for (String line : r.trace().split("\n")) {
      out.println("    " + line);
    }
  }
}
