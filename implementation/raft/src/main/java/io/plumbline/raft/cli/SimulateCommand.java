package io.plumbline.raft.cli;

import io.plumbline.common.UserError;
import io.plumbline.raft.sim.SimOptions;
import io.plumbline.raft.sim.SimResult;
import io.plumbline.raft.sim.Simulation;
import io.plumbline.raft.sim.SimulationRunner;
import io.plumbline.raft.trace.NdjsonTraceWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./plumbline simulate}: the deterministic simulation of the Raft core. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Deterministic simulation of the Raft core under faults, with safety checks "
        + "after every step and convergence after healing.")
public final class SimulateCommand implements Callable<Integer> {

  /**
   * The whole-store simulation ({@code --store}): it needs the store and the history checker, which
   * this module may not depend on, so the full CLI hands it in.
   */
  public interface StoreSimulator {
    /**
     * Runs one seed ({@code seed} not null) or {@code seeds} seeds from {@code firstSeed}, with the
     * named node-shell bugs injected; the exit code.
     */
    int run(PrintWriter out, Long seed, long firstSeed, Integer seeds, int nodes, int ticks, int threads,
        java.util.List<String> bugs);
  }

  private final StoreSimulator storeSimulator;

  /** Without {@code --store} support (this module alone). */
  public SimulateCommand() {
    this(null);
  }

  public SimulateCommand(StoreSimulator storeSimulator) {
    this.storeSimulator = storeSimulator;
  }

  static final class Which {
    @Option(names = "--seeds", paramLabel = "N", description = "Run seeds 1..N (or from --first-seed).")
    Integer seeds;

    @Option(names = "--seed", paramLabel = "S", description = "Run the one seed S and print its digest.")
    Long seed;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(names = "--first-seed", defaultValue = "1", description = "First seed for --seeds (default 1).")
  long firstSeed;

  @Option(names = "--nodes", defaultValue = "3", description = "Cluster size, 1..9 (default 3).")
  int nodes;

  @Option(names = "--ticks", description = "Ticks of the fault phase per seed (default "
      + SimOptions.DEFAULT_TICKS + "; with --store " + STORE_DEFAULT_TICKS + ").")
  Integer ticksOption;

  /** The whole-store simulation runs about 50 times fewer ticks per second than the core's. */
  static final int STORE_DEFAULT_TICKS = 2_000;

  int ticks;

  @Option(names = "--threads", description = "Worker threads for --seeds (default: CPU count).")
  Integer threads;

  @Option(names = "--trace", paramLabel = "FILE", description = "With --seed: write NDJSON trace events to FILE.")
  Path trace;

  @Option(names = "--spec-profile", description = "Run in the configuration whose traces "
      + "`spec validate-trace` checks: PreVote and CheckQuorum on, one entry per append, "
      + "compaction after 1-8 applied entries (faults and workload still from the seed).")
  boolean specProfile;

  @Option(names = "--ready-out", description = "Hosts hold Readys out: a member's core takes further "
      + "steps (messages, ticks, proposals, reads, snapshots) before its host persists exactly what "
      + "the Ready said and advances; some hosts crash with a Ready out or at its persist step.")
  boolean readyOut;

  @Option(names = "--store", description = "Simulate whole store nodes (node shell, MVCC, WAL, leases, "
      + "read batching) with clients, network and disk faults; the client history is checked for "
      + "linearizability at the end.")
  boolean store;

  @Option(names = "--store-bug", paramLabel = "BUG", description = "With --store: inject a node-shell bug "
      + "(ack-before-fsync, apply-before-commit, lose-last-wal-record, reconnect-backoff) to see it caught.")
  java.util.List<String> storeBugs = new java.util.ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
  Path json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || nodes > 9) {
      throw new UserError("--nodes: expected 1..9, got " + nodes);
    }
    ticks = ticksOption != null ? ticksOption : store ? STORE_DEFAULT_TICKS : SimOptions.DEFAULT_TICKS;
    if (!store && !storeBugs.isEmpty()) {
      throw new UserError("--store-bug: only with --store");
    }
    if (ticks < 0) {
      throw new UserError("--ticks: expected >= 0, got " + ticks);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (store) {
      if (storeSimulator == null) {
        throw new UserError("--store: the whole-store simulation is part of the full ./plumbline CLI");
      }
      if (trace != null || specProfile || readyOut || json != null) {
        throw new UserError("--store: --trace, --spec-profile, --ready-out and --json are for the Raft core simulation");
      }
      int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      return storeSimulator.run(out, which.seed, firstSeed, which.seeds, nodes, ticks, workers, storeBugs);
    }
    if (which.seed != null) {
      return single(out, which.seed);
    }
    if (trace != null) {
      throw new UserError("--trace: only with --seed (one trace per seed)");
    }
    if (which.seeds < 1) {
      throw new UserError("--seeds: expected >= 1, got " + which.seeds);
    }
    return many(out);
  }

  private int single(PrintWriter out, long seed) throws IOException {
    SimOptions options = withFlags(SimOptions.of(seed, nodes, ticks));
    NdjsonTraceWriter writer = null;
    if (trace != null) {
      try {
        writer = new NdjsonTraceWriter(trace);
      } catch (IOException e) {
        throw new UserError("--trace: cannot write " + trace + ": " + e.getMessage());
      }
      options = options.withTrace(writer);
    }
    long start = System.nanoTime();
    SimResult r = new Simulation(options).run();
    double secs = (System.nanoTime() - start) / 1e9;
    if (writer != null) {
      writer.close();
    }
    out.printf("seed %d: %s, %d nodes, %d ticks in %.2fs; %d messages delivered, %d writes "
            + "acknowledged, %d reads served, %d leaders, %d crashes, %d partitions%n",
        seed, r.ok() ? "ok" : "FAILED", nodes, r.ticks(), secs, r.messagesDelivered(),
        r.writesAcknowledged(), r.readsServed(), r.leadersElected(), r.crashes(), r.partitions());
    if (!r.ok()) {
      printFailure(out, r);
    }
    if (writer != null) {
      out.printf("trace: %s (%d events)%n", trace, writer.events());
    }
    writeJson(SimulationReportJson.single(r, nodes, ticks, flags()), out);
    out.println("digest: " + r.digest());
    out.flush();
    return r.ok() ? 0 : 1;
  }

  private int many(PrintWriter out) throws InterruptedException {
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    out.printf("simulate: seeds %d..%d, %d nodes, %d ticks each, %d threads%n", firstSeed,
        firstSeed + which.seeds - 1, nodes, ticks, workers);
    out.flush();
    SimulationRunner.Summary s = SimulationRunner.run(
        withFlags(SimOptions.of(firstSeed, nodes, ticks)),
        firstSeed, which.seeds, workers, line -> {
          out.println(line);
          out.flush();
        });
    out.printf("%d seeds, %d failed, %.1fs: %.1f seeds/s, %.0f ticks/s (%.1fM seed-ticks/min); "
            + "%d messages, %d writes acknowledged, %d reads served%n",
        s.seeds(), s.failures().size(), s.seconds(), s.seedsPerSecond(), s.ticksPerSecond(),
        s.ticksPerSecond() * 60 / 1e6, s.messages(), s.writes(), s.reads());
    for (SimResult r : s.failures().subList(0, Math.min(10, s.failures().size()))) {
      printFailure(out, r);
    }
    writeJson(SimulationReportJson.summary(s, nodes, ticks, flags()), out);
    out.flush();
    return s.failures().isEmpty() ? 0 : 1;
  }

  private void printFailure(PrintWriter out, SimResult r) {
    out.printf("FAILED seed %d at tick %d: %s%n", r.seed(), r.failedAtTick(), r.detail());
    out.println("  replay: " + replayCommand(r.seed(), nodes, ticks, flags()));
  }

  private SimOptions withFlags(SimOptions options) {
    SimOptions o = specProfile ? options.forTraceValidation() : options;
    return readyOut ? o.withReadyOut() : o;
  }

  /** The mode flags a replay needs (empty, or e.g. {@code " --ready-out"}). */
  private String flags() {
    return (specProfile ? " --spec-profile" : "") + (readyOut ? " --ready-out" : "");
  }

  /** The command that replays one seed exactly, with a trace of it. */
  static String replayCommand(long seed, int nodes, int ticks, String flags) {
    return String.format("./plumbline simulate --seed %d --nodes %d --ticks %d%s --trace seed-%d.ndjson",
        seed, nodes, ticks, flags, seed);
  }

  private void writeJson(String text, PrintWriter out) {
    if (json == null) {
      return;
    }
    try {
      java.nio.file.Files.writeString(json, text);
      out.println("report: " + json);
    } catch (IOException e) {
      throw new UserError("--json: cannot write " + json + ": " + e.getMessage());
    }
  }
}
